#!/usr/bin/env python3
"""Enroll + identify through the Python bindings: a small complete application.

    enroll.py DB_PATH GALLERY GROUP_PHOTO PHOTO_OR_FOLDER...

Creates user "example" on first use (its token is printed once) and the gallery if missing,
stores every face of every photo (a folder: each file in it) in the gallery with the name of the
photo's folder as meta (the person, in a people/<name>/<photo> layout) and a person assigned by
likeness, then identifies each face of GROUP_PHOTO in the gallery and prints its best match and
confidence, or "unknown". Models: the default search (FACENAPI_MODEL_DIR, ...).
"""
import os
import sys

import facenapi


def photos_of(paths):
    for path in paths:
        if os.path.isdir(path):
            yield from (os.path.join(path, name) for name in sorted(os.listdir(path))
                        if not name.startswith(".")
                        and os.path.isfile(os.path.join(path, name)))
        else:
            yield path


def main(argv):
    if len(argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    db, gallery_name, group, paths = argv[1], argv[2], argv[3], argv[4:]
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
        for path in photos_of(paths):
            person = os.path.basename(os.path.dirname(os.path.abspath(path)))
            try:
                with open(path, "rb") as f:
                    stored = ctx.faces.create_from_photo(user, f.read(), meta=person,
                                                         galleries=[gallery], assign_person=True)
                print(f'enrolled {path} as "{person}":',
                      " ".join(f"face {face['id']}" for face in stored))
            except (OSError, facenapi.FacenapiError) as e:
                print(f"enroll: {path}: {e}", file=sys.stderr)
                status = 1
        try:
            with open(group, "rb") as f:
                found = ctx.identify(user, f.read(), galleries=[gallery], threshold="medium")
        except (OSError, facenapi.FacenapiError) as e:
            print(f"enroll: {group}: {e}", file=sys.stderr)
            return 1
        print(f"{group}:")
        for i, face in enumerate(found, 1):
            box = face["bbox"]
            where = f"({box['left']:.0f}, {box['top']:.0f}, {box['right']:.0f}, {box['bottom']:.0f})"
            if face["matches"]:
                best = face["matches"][0]
                name = best.get("meta") or f"face {best['id']}"
                print(f"  face {i} at {where}: {name}, confidence {best['confidence']:.2f}")
            else:
                print(f"  face {i} at {where}: unknown")
        if not found:
            print("  no face")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
