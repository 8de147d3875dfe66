"""Persons and Cameras: a user's identities and video sources, as dicts (facenapi/c.h)."""
from ctypes import byref, c_int64

from . import _lib
from ._lib import lib
from ._util import _json, _str
from .errors import check


class Persons:
    """facenapi::Persons: {"id", "name", "meta", "created"}; names need not be unique."""

    def __init__(self, ctx):
        self._ctx = ctx

    def create(self, user_id, name=None, meta=None):
        """Returns the new person."""
        pid = c_int64()
        return _json(lambda out: lib.facenapi_db_persons_create(
            byref(pid), out, self._ctx._handle, user_id, _str(name), _str(meta)))

    def get(self, user_id, person_id):
        return _json(lib.facenapi_db_persons_get, self._ctx._handle, user_id, person_id)

    def list(self, user_id):
        return _json(lib.facenapi_db_persons_list, self._ctx._handle, user_id)

    def update(self, user_id, person_id, name=None, meta=None):
        """Sets the fields that are not None ("" clears); returns the person."""
        return _json(lib.facenapi_db_persons_update, self._ctx._handle, user_id, person_id,
                     _str(name), _str(meta))

    def delete(self, user_id, person_id):
        """Deletes the person; its faces stay, without person."""
        check(lib.facenapi_db_persons_delete(self._ctx._handle, user_id, person_id))

    def faces(self, user_id, person_id, limit=100, after=0):
        """A page {"faces": [...], "next": cursor or None, "count": the person's face count};
        pass next as `after` for the following page."""
        return _json(lib.facenapi_db_persons_faces, self._ctx._handle, user_id, person_id, limit,
                     after)

    def merge(self, user_id, into, from_):
        """Moves the faces of person from_ to into, deletes from_; returns into."""
        return _json(lib.facenapi_db_persons_merge, self._ctx._handle, user_id, into, from_)


def _camera_fields(name, stream_url, active, meta):
    return _lib.CameraFields(_lib.CAMERA_FIELDS_VERSION, _str(name), _str(stream_url),
                             -1 if active is None else int(bool(active)), _str(meta))


class Cameras:
    """facenapi::Cameras: {"id", "name", "stream_url", "active", "meta", "created"}; names are
    unique per user."""

    def __init__(self, ctx):
        self._ctx = ctx

    def create(self, user_id, name, stream_url=None, active=True, meta=None):
        """Returns the new camera."""
        cid = c_int64()
        f = _camera_fields(name, stream_url, active, meta)
        return _json(lambda out: lib.facenapi_db_cameras_create(
            byref(cid), out, self._ctx._handle, user_id, byref(f)))

    def get(self, user_id, camera_id):
        return _json(lib.facenapi_db_cameras_get, self._ctx._handle, user_id, camera_id)

    def list(self, user_id):
        return _json(lib.facenapi_db_cameras_list, self._ctx._handle, user_id)

    def update(self, user_id, camera_id, name=None, stream_url=None, active=None, meta=None):
        """Sets the fields that are not None; returns the camera."""
        f = _camera_fields(name, stream_url, active, meta)
        return _json(lib.facenapi_db_cameras_update, self._ctx._handle, user_id, camera_id,
                     byref(f))

    def delete(self, user_id, camera_id):
        """Deletes the camera; its faces stay, without camera."""
        check(lib.facenapi_db_cameras_delete(self._ctx._handle, user_id, camera_id))
