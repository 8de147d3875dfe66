"""Finds and loads libfacenapi.so and declares the C functions (facenapi/c.h) for ctypes.

The library is looked for, in order: the path in the FACENAPI_LIBRARY environment variable;
libfacenapi.so next to this package (a wheel may carry it); the system loader ("libfacenapi.so.0",
found through LD_LIBRARY_PATH, ldconfig or an rpath, e.g. after `cmake --install`).
"""
import ctypes
import os
from ctypes import POINTER, c_char_p, c_float, c_int, c_int64, c_size_t, c_uint, c_void_p


def _load():
    tried = []
    explicit = os.environ.get("FACENAPI_LIBRARY")
    candidates = [explicit] if explicit else []
    here = os.path.dirname(os.path.abspath(__file__))
    candidates += [os.path.join(here, name) for name in ("libfacenapi.so", "libfacenapi.so.0")]
    candidates += ["libfacenapi.so.0", "libfacenapi.so"]
    for path in candidates:
        if os.sep in path and not os.path.exists(path):
            tried.append(path + " (missing)")
            continue
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            tried.append(f"{path} ({e})")
    raise ImportError("facenapi: cannot load libfacenapi.so; set FACENAPI_LIBRARY. Tried: "
                      + "; ".join(tried))


lib = _load()


class ExtractOptions(ctypes.Structure):
    _fields_ = [("version", c_uint), ("detector", c_int), ("min_confidence", c_float),
                ("hog_fallback", c_int), ("min_face_size", c_float), ("rotated_search", c_int),
                ("upright_check", c_int), ("landmarker", c_int), ("facen", c_int),
                ("gender_age", c_int), ("emotions", c_int), ("normalized", c_int),
                ("mf_selector", c_int), ("max_bytes", ctypes.c_uint64),
                ("max_pixels", ctypes.c_uint64), ("max_side", ctypes.c_uint32)]


class FaceFields(ctypes.Structure):
    _fields_ = [("version", c_uint), ("meta", c_char_p), ("galleries", POINTER(c_int64)),
                ("gallery_count", c_size_t), ("photo", c_char_p), ("thumbnail", c_char_p),
                ("person", c_int64), ("camera", c_int64), ("assign_person", c_int),
                ("keep_photo", c_int), ("photo_data", c_char_p), ("photo_size", c_size_t)]


class CameraFields(ctypes.Structure):
    _fields_ = [("version", c_uint), ("name", c_char_p), ("stream_url", c_char_p),
                ("active", c_int), ("meta", c_char_p)]


class Probe(ctypes.Structure):
    _fields_ = [("version", c_uint), ("kind", c_int), ("photo", c_char_p),
                ("photo_size", c_size_t), ("face_id", c_int64), ("facen", c_char_p)]


class FaceQuery(ctypes.Structure):
    _fields_ = [("version", c_uint), ("gallery", c_int64), ("meta", c_char_p),
                ("person", c_int64), ("camera", c_int64), ("min_id", c_int64),
                ("max_id", c_int64), ("from_", c_char_p), ("to", c_char_p), ("limit", c_size_t),
                ("descending", c_int), ("include_normalized", c_int)]


class FaceChanges(ctypes.Structure):
    _fields_ = [("version", c_uint), ("meta", c_char_p), ("set_galleries", c_int),
                ("galleries", POINTER(c_int64)), ("gallery_count", c_size_t)]


class BBox(ctypes.Structure):
    _fields_ = [("left", c_float), ("top", c_float), ("right", c_float), ("bottom", c_float)]


class Point(ctypes.Structure):
    _fields_ = [("x", c_float), ("y", c_float)]


class Pose(ctypes.Structure):
    _fields_ = [("yaw", c_float), ("pitch", c_float), ("roll", c_float)]


P = c_void_p  # opaque handles
PP = POINTER(c_void_p)
OUT_STR = POINTER(c_void_p)  # char** freed with facenapi_free
I64P = POINTER(c_int64)
SZP = POINTER(c_size_t)

_signatures = {
    "facenapi_error_message": (c_char_p, []),
    "facenapi_error_code_message": (c_char_p, [c_int]),
    "facenapi_version": (c_char_p, []),
    "facenapi_free": (None, [c_void_p]),
    "facenapi_faces_destroy": (None, [P]),
    "facenapi_faces_count": (c_size_t, [P]),
    "facenapi_face_bbox": (c_int, [POINTER(BBox), P, c_size_t]),
    "facenapi_face_detection_score": (c_int, [POINTER(c_float), P, c_size_t]),
    "facenapi_face_landmarks": (c_int, [POINTER(Point), c_size_t, P, c_size_t]),
    "facenapi_face_pose": (c_int, [POINTER(Pose), P, c_size_t]),
    "facenapi_face_score": (c_int, [POINTER(c_float), P, c_size_t]),
    "facenapi_face_facen": (c_int, [POINTER(c_float), c_size_t, SZP, P, c_size_t]),
    "facenapi_face_facen_model_id": (c_int, [c_char_p, c_size_t, SZP, P, c_size_t]),
    "facenapi_face_facen_base64": (c_int, [c_char_p, c_size_t, SZP, P, c_size_t]),
    "facenapi_face_photo_hash": (c_int, [c_char_p, c_size_t, SZP, P, c_size_t]),
    "facenapi_face_normalized_png": (c_int, [c_char_p, c_size_t, SZP, P, c_size_t]),
    "facenapi_face_gender": (c_int, [POINTER(c_int), POINTER(c_float), P, c_size_t]),
    "facenapi_face_age": (c_int, [POINTER(c_float), P, c_size_t]),
    "facenapi_face_emotions": (c_int, [POINTER(c_float), c_size_t, P, c_size_t]),
    "facenapi_emotion_name": (c_char_p, [c_size_t]),
    "facenapi_facen_distance": (c_int, [POINTER(c_float), c_char_p, c_char_p]),
    "facenapi_facen_match_threshold": (c_float, []),
    "facenapi_context_create": (c_int, [PP, c_char_p, c_char_p]),
    "facenapi_context_destroy": (None, [P]),
    "facenapi_context_extract": (c_int, [PP, P, c_char_p, c_size_t, POINTER(ExtractOptions)]),
    "facenapi_db_users_create": (c_int, [I64P, I64P, c_char_p, c_size_t, P, c_char_p, c_char_p]),
    "facenapi_db_users_get": (c_int, [OUT_STR, P, c_int64]),
    "facenapi_db_users_get_by_name": (c_int, [OUT_STR, P, c_char_p]),
    "facenapi_db_users_authenticate_token": (c_int, [I64P, P, c_char_p]),
    "facenapi_db_users_authenticate_password": (c_int, [I64P, P, c_char_p, c_char_p]),
    "facenapi_db_users_disable": (c_int, [P, c_int64]),
    "facenapi_db_users_enable": (c_int, [P, c_int64]),
    "facenapi_db_users_set_password": (c_int, [P, c_int64, c_char_p]),
    "facenapi_db_users_delete": (c_int, [P, c_int64]),
    "facenapi_db_users_add_token": (c_int, [I64P, c_char_p, c_size_t, P, c_int64]),
    "facenapi_db_users_revoke_token": (c_int, [P, c_int64, c_int64]),
    "facenapi_db_users_token_ids": (c_int, [I64P, c_size_t, SZP, P, c_int64]),
    "facenapi_db_galleries_create": (c_int, [I64P, P, c_int64, c_char_p]),
    "facenapi_db_galleries_list": (c_int, [OUT_STR, P, c_int64]),
    "facenapi_db_galleries_get": (c_int, [OUT_STR, P, c_int64, c_int64]),
    "facenapi_db_galleries_delete": (c_int, [P, c_int64, c_int64]),
    "facenapi_db_faces_create": (c_int, [I64P, OUT_STR, P, c_int64, P, c_size_t,
                                         POINTER(FaceFields)]),
    "facenapi_db_faces_create_from_photo": (c_int, [OUT_STR, P, c_int64, c_char_p, c_size_t,
                                                    POINTER(ExtractOptions), POINTER(FaceFields)]),
    "facenapi_db_faces_get": (c_int, [OUT_STR, P, c_int64, c_int64, c_int]),
    "facenapi_db_faces_list": (c_int, [OUT_STR, P, c_int64, POINTER(FaceQuery)]),
    "facenapi_db_faces_count": (c_int, [I64P, P, c_int64, POINTER(FaceQuery)]),
    "facenapi_db_faces_update": (c_int, [OUT_STR, P, c_int64, c_int64, POINTER(FaceChanges)]),
    "facenapi_db_faces_delete": (c_int, [P, c_int64, c_int64]),
    "facenapi_db_persons_create": (c_int, [I64P, OUT_STR, P, c_int64, c_char_p, c_char_p]),
    "facenapi_db_persons_get": (c_int, [OUT_STR, P, c_int64, c_int64]),
    "facenapi_db_persons_list": (c_int, [OUT_STR, P, c_int64]),
    "facenapi_db_persons_update": (c_int, [OUT_STR, P, c_int64, c_int64, c_char_p, c_char_p]),
    "facenapi_db_persons_delete": (c_int, [P, c_int64, c_int64]),
    "facenapi_db_persons_faces": (c_int, [OUT_STR, P, c_int64, c_int64, c_size_t, c_int64]),
    "facenapi_db_persons_merge": (c_int, [OUT_STR, P, c_int64, c_int64, c_int64]),
    "facenapi_db_cameras_create": (c_int, [I64P, OUT_STR, P, c_int64, POINTER(CameraFields)]),
    "facenapi_db_cameras_get": (c_int, [OUT_STR, P, c_int64, c_int64]),
    "facenapi_db_cameras_list": (c_int, [OUT_STR, P, c_int64]),
    "facenapi_db_cameras_update": (c_int, [OUT_STR, P, c_int64, c_int64,
                                           POINTER(CameraFields)]),
    "facenapi_db_cameras_delete": (c_int, [P, c_int64, c_int64]),
    "facenapi_detect": (c_int, [OUT_STR, P, c_char_p, c_size_t, c_int]),
    "facenapi_verify": (c_int, [OUT_STR, P, c_int64, POINTER(Probe), POINTER(Probe), c_char_p]),
    "facenapi_identify": (c_int, [OUT_STR, P, c_int64, POINTER(Probe), I64P, c_size_t, c_char_p,
                                  c_size_t]),
}
for _name, (_res, _args) in _signatures.items():
    _f = getattr(lib, _name)
    _f.restype = _res
    _f.argtypes = _args

TOKEN_SIZE = 65
EXTRACT_OPTIONS_VERSION = 1
FACE_FIELDS_VERSION = 2
CAMERA_FIELDS_VERSION = 1
PROBE_VERSION = 1
PROBE_PHOTO, PROBE_FACE, PROBE_FACEN = 0, 1, 2
FACE_QUERY_VERSION = 1
FACE_CHANGES_VERSION = 1


def take_string(p):
    """The text of a char* the library allocated, freed afterwards."""
    try:
        return ctypes.string_at(p.value).decode("utf-8") if p.value else None
    finally:
        lib.facenapi_free(p)
