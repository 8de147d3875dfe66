#!/usr/bin/env python3
"""Enrolls photos into a gallery through the Python bindings: the first half of the enroll +
identify example (identify follows when the library has it).

    enroll.py DB_PATH GALLERY PHOTO...

Creates user "example" on first use (its token is printed once), the gallery if missing, and
stores every face of every photo with the file name as meta. Models: the default search.
"""
import sys

import facenapi


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    db, gallery_name, photos = argv[1], argv[2], argv[3:]
    status = 0
    with facenapi.Context(db_uri=db) as ctx:
        try:
            user, _, token = ctx.users.create("example")
            print(f'created user "example" (id {user}), API token {token}')
        except facenapi.AlreadyExistsError:
            user = ctx.users.get(name="example")["id"]  # a real host would authenticate
        try:
            gallery = ctx.galleries.create(user, gallery_name)
        except facenapi.AlreadyExistsError:
            gallery = next(g["id"] for g in ctx.galleries.list(user) if g["name"] == gallery_name)
        for path in photos:
            try:
                with open(path, "rb") as f:
                    stored = ctx.faces.create_from_photo(user, f.read(), meta=path,
                                                         galleries=[gallery])
                print(path + ":", " ".join(f"face {face['id']}" for face in stored))
            except (OSError, facenapi.FacenapiError) as e:
                print(f"enroll: {path}: {e}", file=sys.stderr)
                status = 1
        print(f'gallery "{gallery_name}" holds {ctx.faces.count(user, gallery=gallery)} faces')
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
