"""Extraction results: Extraction (owns the C facenapi_faces_t) and Face (every field, copied)."""
import ctypes
from ctypes import byref, c_float, c_int, c_size_t
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from ._lib import BBox, Point, Pose, lib
from .errors import NotFoundError, check

GENDERS = ("male", "female")


def _buffer(fn, handle, index, ctype):
    """Calls a buffer-too-small accessor twice: size query, then copy."""
    needed = c_size_t(0)
    check(fn(None, 0, byref(needed), handle, index))
    buf = (ctype * max(needed.value, 1))()
    check(fn(buf, needed.value, byref(needed), handle, index))
    return buf, needed.value


def _optional(getter):
    try:
        return getter()
    except NotFoundError:  # the attribute was switched off in the options
        return None


@dataclass
class Face:
    """One face of a photo, as facenapi::ExtractionFace."""
    bbox: Tuple[float, float, float, float]  # left, top, right, bottom
    detection_score: float
    landmarks: List[Tuple[float, float]]  # 68 points
    pose: Tuple[float, float, float]  # yaw, pitch, roll (degrees)
    score: float  # quality
    photo_hash: str
    facen: Optional[List[float]] = None
    facen_base64: Optional[str] = None
    facen_model: Optional[str] = None
    gender: Optional[str] = None
    gender_probability: Optional[float] = None
    age: Optional[float] = None
    emotions: Optional[Dict[str, float]] = None
    normalized: Optional[bytes] = None  # PNG bytes of the face chip
    _extraction: object = field(default=None, repr=False, compare=False)
    _index: int = field(default=0, repr=False, compare=False)

    def distance(self, other: "Face") -> float:
        """Euclidean distance of the facens (same person below facenapi.match_threshold())."""
        out = c_float()
        check(lib.facenapi_facen_distance(byref(out), self.facen_base64.encode(),
                                          other.facen_base64.encode()))
        return out.value


class Extraction(list):
    """The faces of one photo; keeps the C result alive so that stores can take its faces."""

    def __init__(self, handle):
        self._handle = ctypes.c_void_p(handle)
        super().__init__(_read_face(self, i) for i in range(lib.facenapi_faces_count(handle)))

    def __del__(self):
        if getattr(self, "_handle", None) is not None:
            lib.facenapi_faces_destroy(self._handle)
            self._handle = None


def _read_face(extraction, i):
    h = extraction._handle
    bbox, pose, f = BBox(), Pose(), c_float()
    check(lib.facenapi_face_bbox(byref(bbox), h, i))
    check(lib.facenapi_face_pose(byref(pose), h, i))
    points = (Point * 68)()
    check(lib.facenapi_face_landmarks(points, 68, h, i))
    check(lib.facenapi_face_detection_score(byref(f), h, i))
    detection_score = f.value
    check(lib.facenapi_face_score(byref(f), h, i))
    face = Face(bbox=(bbox.left, bbox.top, bbox.right, bbox.bottom),
                detection_score=detection_score, landmarks=[(p.x, p.y) for p in points],
                pose=(pose.yaw, pose.pitch, pose.roll), score=f.value,
                photo_hash=_buffer(lib.facenapi_face_photo_hash, h, i, ctypes.c_char)[0].value
                .decode(), _extraction=extraction, _index=i)
    facen = _optional(lambda: _buffer(lib.facenapi_face_facen, h, i, c_float))
    if facen:
        face.facen = list(facen[0][:facen[1]])
        face.facen_base64 = _buffer(lib.facenapi_face_facen_base64, h, i,
                                    ctypes.c_char)[0].value.decode()
        face.facen_model = _buffer(lib.facenapi_face_facen_model_id, h, i,
                                   ctypes.c_char)[0].value.decode()
    gender, prob = c_int(), c_float()
    if _optional(lambda: check(lib.facenapi_face_gender(byref(gender), byref(prob), h, i)) or 1):
        face.gender, face.gender_probability = GENDERS[gender.value], prob.value
    if _optional(lambda: check(lib.facenapi_face_age(byref(f), h, i)) or 1):
        face.age = f.value
    emotions = (c_float * 7)()
    if _optional(lambda: check(lib.facenapi_face_emotions(emotions, 7, h, i)) or 1):
        face.emotions = {lib.facenapi_emotion_name(k).decode(): emotions[k] for k in range(7)}
    png = _optional(lambda: _buffer(lib.facenapi_face_normalized_png, h, i, ctypes.c_char))
    if png:
        face.normalized = bytes(png[0][:png[1]])
    return face
