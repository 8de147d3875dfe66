"""facenapi.Context.extract from Python: every field of a face, options, errors."""
import facenapi
import pytest


def test_the_library_reports_its_version():
    assert facenapi.version().count(".") == 2
    assert 0 < facenapi.match_threshold() < 1


def test_a_portrait_gives_one_face_with_every_field(ctx, celeste):
    faces = ctx.extract(celeste)
    assert len(faces) == 1
    f = faces[0]
    left, top, right, bottom = f.bbox
    assert right > left and bottom > top
    assert 0 < f.detection_score <= 1
    assert len(f.landmarks) == 68 and left < f.landmarks[30][0] < right
    assert abs(f.pose[0]) < 90
    assert -5 < f.score < 1
    assert len(f.photo_hash) == 64
    assert len(f.facen) == 128 and abs(sum(v * v for v in f.facen) - 1) < 1e-3
    assert f.facen_model and len(f.facen_base64) == 684
    assert f.gender == "female" and 0.5 <= f.gender_probability <= 1
    assert 5 < f.age < 90
    assert set(f.emotions) == {"neutral", "happy", "sad", "angry", "fearful", "disgusted",
                               "surprised"}
    assert abs(sum(f.emotions.values()) - 1) < 1e-2
    assert f.normalized[:4] == b"\x89PNG"
    assert f.distance(f) < 1e-6


def test_switched_off_attributes_are_none(ctx, celeste):
    f = ctx.extract(celeste, facen=False, gender_age=False, emotions=False, normalized=False)[0]
    assert f.facen is None and f.gender is None and f.age is None
    assert f.emotions is None and f.normalized is None


def test_two_people_are_two_faces_and_further_apart_than_the_threshold(ctx, couple):
    faces = ctx.extract(couple)
    assert len(faces) >= 2
    assert faces[0].distance(faces[1]) > facenapi.match_threshold()
    with pytest.raises(facenapi.TooManyFacesError):
        ctx.extract(couple, mf_selector="reject")


def test_bad_photos_raise_the_error_of_their_code(ctx):
    with pytest.raises(facenapi.DecodeError) as e:
        ctx.extract(b"\xff\xd8\xff\xe0 truncated")
    assert e.value.code == -2 and str(e.value)
    with pytest.raises(facenapi.FacenapiError):
        ctx.extract(b"plain text, not an image")
    with pytest.raises(KeyError):
        ctx.extract(b"x", detector="nonsense")


def test_missing_models_are_a_model_error(tmp_path, celeste):
    with facenapi.Context(str(tmp_path / "no-models")) as c:
        with pytest.raises(facenapi.ModelError):
            c.extract(celeste)


def test_every_c_code_has_its_exception_class():
    from facenapi.errors import ERRORS
    assert sorted(ERRORS) == list(range(-12, 0))
    for code, cls in ERRORS.items():
        assert issubclass(cls, facenapi.FacenapiError) and cls.code == code
