"""Users, galleries and faces from Python, on an SQLite file."""
import facenapi
import pytest


def test_a_user_authenticates_by_token_and_password_and_not_when_disabled(ctx):
    uid, tid, token = ctx.users.create("alice", "a password")
    assert uid > 0 and tid > 0 and len(token) == 64
    assert ctx.users.authenticate(token=token) == uid
    assert ctx.users.authenticate(name="alice", password="a password") == uid
    with pytest.raises(facenapi.UnauthenticatedError):
        ctx.users.authenticate(token="0" * 64)
    with pytest.raises(facenapi.UnauthenticatedError):
        ctx.users.authenticate(name="alice", password="wrong password")
    assert ctx.users.get(uid)["name"] == "alice"
    assert ctx.users.get(name="alice")["has_password"] is True
    ctx.users.disable(uid)
    with pytest.raises(facenapi.UnauthenticatedError):
        ctx.users.authenticate(token=token)
    with pytest.raises(facenapi.UnauthenticatedError):
        ctx.galleries.list(uid)
    ctx.users.enable(uid)
    t2, token2 = ctx.users.add_token(uid)
    assert ctx.users.token_ids(uid) == [tid, t2]
    ctx.users.revoke_token(uid, t2)
    with pytest.raises(facenapi.UnauthenticatedError):
        ctx.users.authenticate(token=token2)
    ctx.users.set_password(uid, None)
    with pytest.raises(facenapi.UnauthenticatedError):
        ctx.users.authenticate(name="alice", password="a password")
    with pytest.raises(facenapi.AlreadyExistsError):
        ctx.users.create("alice")
    with pytest.raises(facenapi.InvalidArgumentError):
        ctx.users.create("")
    with pytest.raises(facenapi.InvalidArgumentError):
        ctx.users.create("bad\udcff")  # not UTF-8 once encoded
    ctx.users.delete(uid)
    with pytest.raises(facenapi.NotFoundError):
        ctx.users.get(uid)


def test_galleries_belong_to_their_user(ctx):
    alice = ctx.users.create("alice")[0]
    bob = ctx.users.create("bob")[0]
    staff = ctx.galleries.create(alice, "staff")
    assert [g["name"] for g in ctx.galleries.list(alice)] == ["staff"]
    assert ctx.galleries.list(bob) == []
    with pytest.raises(facenapi.NotFoundError):
        ctx.galleries.get(bob, staff)
    with pytest.raises(facenapi.AlreadyExistsError):
        ctx.galleries.create(alice, "staff")
    ctx.galleries.delete(alice, staff)
    with pytest.raises(facenapi.NotFoundError):
        ctx.galleries.delete(alice, staff)


def test_faces_are_stored_listed_page_by_page_updated_and_deleted(ctx, celeste, couple):
    alice = ctx.users.create("alice")[0]
    bob = ctx.users.create("bob")[0]
    staff = ctx.galleries.create(alice, "staff")
    face = ctx.extract(celeste)[0]
    stored = ctx.faces.create(alice, face, meta="employee 17", galleries=[staff])
    assert stored["id"] > 0 and stored["meta"] == "employee 17"
    assert stored["galleries"] == [staff] and stored["facen"] == face.facen_base64
    group = ctx.faces.create_from_photo(alice, couple, meta="couple")
    assert len(group) >= 2 and all(f["meta"] == "couple" for f in group)
    assert ctx.faces.count(alice) == 1 + len(group)
    assert ctx.faces.count(alice, gallery=staff) == 1

    seen, cursor = [], None
    while True:
        page = ctx.faces.list(alice, min_id=cursor, limit=2)
        seen += [f["id"] for f in page["faces"]]
        if page["next"] is None:
            break
        cursor = page["next"]
    assert seen == sorted(seen) and len(seen) == 1 + len(group)

    assert "normalized" in ctx.faces.get(alice, stored["id"], include_normalized=True)
    with pytest.raises(facenapi.NotFoundError):
        ctx.faces.get(bob, stored["id"])
    updated = ctx.faces.update(alice, stored["id"], meta="employee 18", galleries=[])
    assert updated["meta"] == "employee 18" and not updated.get("galleries")
    with pytest.raises(facenapi.NotFoundError):
        ctx.faces.update(alice, stored["id"], galleries=[999999])
    with pytest.raises(facenapi.InvalidArgumentError):
        ctx.faces.list(alice, limit=0)
    ctx.faces.delete(alice, stored["id"])
    with pytest.raises(facenapi.NotFoundError):
        ctx.faces.delete(alice, stored["id"])


def test_a_context_without_a_database_refuses_store_calls(model_dir):
    with facenapi.Context(model_dir) as c:
        with pytest.raises(facenapi.InvalidArgumentError):
            c.users.get(1)
