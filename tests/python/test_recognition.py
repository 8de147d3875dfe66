"""detect, verify, identify, persons and cameras from Python, on real photos of Barack Obama and
Joe Biden and an SQLite file."""
import os

import facenapi
import pytest

PEOPLE = "faces/recognition/face_recognition"


@pytest.fixture(scope="module")
def photos(data_dir):
    def read(rel):
        with open(os.path.join(data_dir, rel), "rb") as f:
            return f.read()
    return {"obama1": read(PEOPLE + "/Barack_Obama/obama1.jpg"),
            "obama2": read(PEOPLE + "/Barack_Obama/obama2.jpg"),
            "biden": read(PEOPLE + "/Joe_Biden/biden.jpg"),
            "group": read("faces/group/fr_obama_and_biden.jpg")}


@pytest.fixture
def enrolled(ctx, photos):
    """alice with gallery "people" holding obama1 and biden, each given a person."""
    alice, _, _ = ctx.users.create("alice")
    people = ctx.galleries.create(alice, "people")
    obama = ctx.faces.create_from_photo(alice, photos["obama1"], meta="Barack_Obama",
                                        galleries=[people], assign_person=True, keep_photo=True)
    biden = ctx.faces.create_from_photo(alice, photos["biden"], meta="Joe_Biden",
                                        galleries=[people], assign_person=True)
    assert len(obama) == 1 and len(biden) == 1
    return alice, people, obama[0], biden[0]


def test_detect_finds_both_faces_of_the_group_photo_without_facens(ctx, photos):
    faces = ctx.detect(photos["group"])
    assert len(faces) == 2 and all("facen" not in f and "gender" not in f for f in faces)
    assert all(len(f["landmarks"]) == 68 for f in faces)
    assert all("gender" in f and "age" in f for f in ctx.detect(photos["group"], attributes=True))
    with pytest.raises(facenapi.DecodeError):
        ctx.detect(b"not a photo")


def test_identify_names_both_people_of_the_group_photo(ctx, photos, enrolled):
    alice, people, _, _ = enrolled
    found = ctx.identify(alice, photos["group"], galleries=[people])
    assert len(found) == 2 and all(f["bbox"] is not None for f in found)
    names = {f["matches"][0]["meta"] for f in found}
    assert names == {"Barack_Obama", "Joe_Biden"}
    assert all(0.5 < f["matches"][0]["confidence"] <= 1 for f in found)


def test_identify_takes_a_face_id_a_facen_and_a_face(ctx, photos, enrolled):
    alice, people, obama, biden = enrolled
    by_id = ctx.identify(alice, biden["id"], threshold="none", n=2)
    assert by_id[0]["bbox"] is None and by_id[0]["matches"][0]["id"] == biden["id"]
    assert len(by_id[0]["matches"]) == 2
    face = ctx.extract(photos["obama2"])[0]
    for probe in (face, face.facen_base64):
        found = ctx.identify(alice, probe, galleries=[people], threshold="strict", n=5)
        assert [m["id"] for m in found[0]["matches"]] == [obama["id"]]
    assert ctx.identify(alice, face, threshold=1.0)[0]["matches"] == []


def test_identify_rejects_bad_thresholds_n_galleries_and_facens(ctx, photos, enrolled):
    alice, people, obama, _ = enrolled
    bob, _, _ = ctx.users.create("bob")
    bobs_face = ctx.faces.create_from_photo(bob, photos["biden"])[0]
    for threshold in ("lenient", "1.5", -0.1):
        with pytest.raises(facenapi.InvalidArgumentError):
            ctx.identify(alice, obama["id"], threshold=threshold)
    for n in (0, 1001):
        with pytest.raises(facenapi.InvalidArgumentError):
            ctx.identify(alice, obama["id"], n=n)
    with pytest.raises(facenapi.NotFoundError):
        ctx.identify(alice, obama["id"], galleries=[people + 1000])
    with pytest.raises(facenapi.NotFoundError):
        ctx.identify(alice, bobs_face["id"])
    with pytest.raises(facenapi.InvalidArgumentError):
        ctx.identify(alice, "AAAAAAAAAAA=")  # two floats, not 128
    with pytest.raises(facenapi.UnauthenticatedError):
        ctx.identify(0, obama["id"])
    with pytest.raises(TypeError):
        ctx.identify(alice, 1.5)
    # Bob finds his face only, none of alice's.
    found = ctx.identify(bob, obama["facen"], threshold="none", n=10)
    assert [m["id"] for m in found[0]["matches"]] == [bobs_face["id"]]


def test_verify_tells_the_same_person_from_another(ctx, photos, enrolled):
    alice, _, obama, biden = enrolled
    same = ctx.verify(alice, photos["obama1"], photos["obama2"])
    assert same["verified"] is True and len(same["results"]) == 1
    assert same["results"][0]["a"] is not None and same["results"][0]["confidence"] > 0.5
    assert ctx.verify(alice, photos["obama2"], biden["id"], threshold="strict")["verified"] is False
    group = ctx.verify(alice, photos["group"], obama["id"])
    assert group["verified"] is True and len(group["results"]) == 2
    assert group["results"][0]["b"] is None
    assert group["results"][0]["confidence"] >= group["results"][1]["confidence"]
    with pytest.raises(facenapi.InvalidArgumentError):
        ctx.verify(alice, obama["id"], biden["id"], threshold="lenient")


def test_faces_take_persons_and_keep_their_photo(ctx, photos, enrolled):
    alice, _, obama, biden = enrolled
    assert obama["person"] != biden["person"]
    assert obama["photo"].startswith("media:photos/")
    assert obama["thumbnail"].startswith("media:thumbnails/")
    assert "photo" not in biden
    face = ctx.extract(photos["obama2"])[0]
    stored = ctx.faces.create(alice, face, meta="obama2", assign_person=True,
                              keep_photo=photos["obama2"])
    assert stored["person"] == obama["person"] and stored["photo"].startswith("media:photos/")
    page = ctx.persons.faces(alice, obama["person"], limit=1)
    assert page["count"] == 2 and [f["id"] for f in page["faces"]] == [obama["id"]]
    rest = ctx.persons.faces(alice, obama["person"], after=page["next"])
    assert [f["id"] for f in rest["faces"]] == [stored["id"]] and rest["next"] is None


def test_persons_are_created_renamed_merged_and_deleted(ctx, enrolled):
    alice, _, obama, biden = enrolled
    p = ctx.persons.create(alice, "Barack Obama", meta="44th")
    assert p["name"] == "Barack Obama" and p["meta"] == "44th"
    assert ctx.persons.get(alice, p["id"]) == p
    assert len(ctx.persons.list(alice)) == 3
    assert ctx.persons.update(alice, p["id"], meta="president")["name"] == "Barack Obama"
    merged = ctx.persons.merge(alice, p["id"], obama["person"])
    assert merged["id"] == p["id"]
    assert ctx.faces.get(alice, obama["id"])["person"] == p["id"]
    with pytest.raises(facenapi.NotFoundError):
        ctx.persons.get(alice, obama["person"])
    with pytest.raises(facenapi.InvalidArgumentError):
        ctx.persons.merge(alice, p["id"], p["id"])
    ctx.persons.delete(alice, p["id"])
    assert "person" not in ctx.faces.get(alice, obama["id"])
    bob, _, _ = ctx.users.create("bob")
    with pytest.raises(facenapi.NotFoundError):
        ctx.persons.get(bob, biden["person"])
    with pytest.raises(facenapi.InvalidArgumentError):
        ctx.persons.create(alice, "tab\tname")


def test_cameras_are_unique_per_user_and_leave_their_faces_when_deleted(ctx, photos):
    alice, _, _ = ctx.users.create("alice")
    bob, _, _ = ctx.users.create("bob")
    door = ctx.cameras.create(alice, "door", stream_url="rtsp://10.0.0.5/stream1")
    assert door["active"] is True and door["stream_url"] == "rtsp://10.0.0.5/stream1"
    hall = ctx.cameras.create(alice, "hall", active=False, meta="second floor")
    assert ctx.cameras.create(bob, "hall")["name"] == "hall"
    assert [c["name"] for c in ctx.cameras.list(alice)] == ["door", "hall"]
    changed = ctx.cameras.update(alice, hall["id"], name="hall 2", active=True)
    assert changed["active"] is True and changed["meta"] == "second floor"
    assert ctx.cameras.get(alice, hall["id"]) == changed
    with pytest.raises(facenapi.AlreadyExistsError):
        ctx.cameras.create(alice, "door")
    with pytest.raises(facenapi.AlreadyExistsError):
        ctx.cameras.update(alice, door["id"], name="hall 2")
    face = ctx.faces.create_from_photo(alice, photos["obama1"], camera=door["id"])[0]
    assert face["camera"] == door["id"]
    ctx.cameras.delete(alice, door["id"])
    assert "camera" not in ctx.faces.get(alice, face["id"])
    with pytest.raises(facenapi.NotFoundError):
        ctx.cameras.get(alice, door["id"])
    with pytest.raises(facenapi.NotFoundError):
        ctx.cameras.get(bob, hall["id"])
