"""Conversions the wrappers share: Python strings and id lists to C, JSON results back."""
import json
from ctypes import byref, c_int64, c_void_p

from ._lib import take_string
from .errors import check


def _str(s):
    return None if s is None else s.encode("utf-8", "surrogateescape")


def _ids(ids):
    ids = list(ids or [])
    return (c_int64 * max(len(ids), 1))(*ids), len(ids)


def _json(call, *args):
    out = c_void_p()
    check(call(byref(out), *args))
    return json.loads(take_string(out))
