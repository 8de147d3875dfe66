"""detect, verify and identify (facenapi::Recognizer through facenapi/c.h), mixed into Context.

A probe is what verify() and identify() compare: photo bytes (every face of the photo), an int
(one of the user's stored face ids), a str (a base64 facen of the current model) or a Face of an
Extraction (its facen). A threshold is a minimum confidence: "strict", "medium", "low", "none" or
a number in [0, 1] (docs/recognition.md)."""
from ctypes import byref

from . import _lib
from ._lib import lib
from ._util import _ids, _json, _str
from .extraction import Face


def _probe(p):
    if isinstance(p, (bytes, bytearray, memoryview)):
        data = bytes(p)
        return _lib.Probe(_lib.PROBE_VERSION, _lib.PROBE_PHOTO, data, len(data), 0, None)
    if isinstance(p, bool):
        raise TypeError("a probe is photo bytes, a face id, a base64 facen or a Face")
    if isinstance(p, int):
        return _lib.Probe(_lib.PROBE_VERSION, _lib.PROBE_FACE, None, 0, p, None)
    if isinstance(p, Face):
        p = p.facen_base64
        if p is None:
            raise ValueError("the Face has no facen (extracted with facen=False)")
    if isinstance(p, str):
        return _lib.Probe(_lib.PROBE_VERSION, _lib.PROBE_FACEN, None, 0, 0, _str(p))
    raise TypeError("a probe is photo bytes, a face id, a base64 facen or a Face")


def _threshold(t):
    return None if t is None else _str(str(t))


class Recognition:
    """The recognition methods of Context (self._handle is the C context)."""

    def detect(self, photo: bytes, attributes=False):
        """The faces of a photo: [{"bbox", "detection_score", "landmarks", "pose", "score", ...}],
        with gender, age and emotions when attributes is true. Needs no database."""
        return _json(lib.facenapi_detect, self._handle, photo, len(photo), int(attributes))

    def verify(self, user_id, a, b, threshold="medium"):
        """Compares two probes: {"verified": bool, "results": [{"a", "b" (bboxes or None),
        "distance", "confidence", "verified"}, ...] most confident first}."""
        pa, pb = _probe(a), _probe(b)
        return _json(lib.facenapi_verify, self._handle, user_id, byref(pa), byref(pb),
                     _threshold(threshold))

    def identify(self, user_id, probe, galleries=None, threshold="medium", n=1):
        """Up to n of the user's faces (in `galleries`, else all) reaching the threshold, for
        each face of the probe: [{"bbox", "matches": [face + "confidence" + "distance"]}]."""
        p = _probe(probe)
        ids, count = _ids(galleries)
        return _json(lib.facenapi_identify, self._handle, user_id, byref(p), ids, count,
                     _threshold(threshold), n)
