"""Context (models + database) and the stores Users, Galleries, Faces, over facenapi/c.h."""
import ctypes
import json
from ctypes import byref, c_int64, c_size_t, c_void_p

from . import _lib
from ._lib import lib, take_string
from ._util import _ids, _json, _str
from .errors import check
from .extraction import Extraction
from .persons import Cameras, Persons
from .recognition import Recognition

_DETECTORS = {"tiny": 0, "ssd": 1, "hog": 2}
_LANDMARKERS = {"faceapi68": 0, "faceapi68_tiny": 1, "dlib68": 2}
_MF = {"all": 0, "biggest": 1, "reject": 2}


def extract_options(detector="tiny", min_confidence=-1.0, hog_fallback=True, min_face_size=20.0,
                    rotated_search=False, upright_check=True, landmarks="faceapi68", facen=True,
                    gender_age=True, emotions=True, normalized=True, mf_selector="all",
                    max_bytes=64 << 20, max_pixels=40000000, max_side=32768):
    """The C facenapi_extract_options_t; the defaults are FACENAPI_EXTRACT_OPTIONS_INIT."""
    return _lib.ExtractOptions(_lib.EXTRACT_OPTIONS_VERSION, _DETECTORS[detector], min_confidence,
                               hog_fallback, min_face_size, rotated_search, upright_check,
                               _LANDMARKERS[landmarks], facen, gender_age, emotions, normalized,
                               _MF[mf_selector], max_bytes, max_pixels, max_side)


class Context(Recognition):
    """Models (loaded on the first extraction) and one database (None: no stores), with
    detect(), verify() and identify() (facenapi/recognition.py) and the stores users,
    galleries, faces, persons and cameras.

    Thread safety: one Context may be used from many threads at once, as its C handle."""

    def __init__(self, model_dir=None, db_uri=None):
        handle = c_void_p()
        check(lib.facenapi_context_create(byref(handle), _str(model_dir), _str(db_uri)))
        self._handle = handle
        self.users = Users(self)
        self.galleries = Galleries(self)
        self.faces = Faces(self)
        self.persons = Persons(self)
        self.cameras = Cameras(self)

    def close(self):
        if self._handle is not None:
            lib.facenapi_context_destroy(self._handle)
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def extract(self, photo: bytes, **options) -> Extraction:
        """The faces of a JPEG/PNG/WebP photo; options as extract_options()."""
        out = c_void_p()
        opts = extract_options(**options)
        check(lib.facenapi_context_extract(byref(out), self._handle, photo, len(photo),
                                           byref(opts)))
        return Extraction(out.value)


class Users:
    """facenapi::Users: names, passwords, API tokens."""

    def __init__(self, ctx):
        self._ctx = ctx

    def create(self, name, password=None):
        """Returns (user_id, token_id, token); the token is shown only here."""
        uid, tid = c_int64(), c_int64()
        token = ctypes.create_string_buffer(_lib.TOKEN_SIZE)
        check(lib.facenapi_db_users_create(byref(uid), byref(tid), token, len(token),
                                           self._ctx._handle, _str(name), _str(password)))
        return uid.value, tid.value, token.value.decode()

    def get(self, user_id=None, name=None):
        if name is not None:
            return _json(lib.facenapi_db_users_get_by_name, self._ctx._handle, _str(name))
        return _json(lib.facenapi_db_users_get, self._ctx._handle, user_id)

    def authenticate(self, token=None, name=None, password=None):
        """The user id of a token, or of a name and password; UnauthenticatedError if bad."""
        uid = c_int64()
        if token is not None:
            check(lib.facenapi_db_users_authenticate_token(byref(uid), self._ctx._handle,
                                                           _str(token)))
        else:
            check(lib.facenapi_db_users_authenticate_password(byref(uid), self._ctx._handle,
                                                              _str(name), _str(password)))
        return uid.value

    def disable(self, user_id):
        check(lib.facenapi_db_users_disable(self._ctx._handle, user_id))

    def enable(self, user_id):
        check(lib.facenapi_db_users_enable(self._ctx._handle, user_id))

    def set_password(self, user_id, password):
        check(lib.facenapi_db_users_set_password(self._ctx._handle, user_id, _str(password)))

    def delete(self, user_id):
        check(lib.facenapi_db_users_delete(self._ctx._handle, user_id))

    def add_token(self, user_id):
        """Returns (token_id, token)."""
        tid = c_int64()
        token = ctypes.create_string_buffer(_lib.TOKEN_SIZE)
        check(lib.facenapi_db_users_add_token(byref(tid), token, len(token), self._ctx._handle,
                                              user_id))
        return tid.value, token.value.decode()

    def revoke_token(self, user_id, token_id):
        check(lib.facenapi_db_users_revoke_token(self._ctx._handle, user_id, token_id))

    def token_ids(self, user_id):
        needed = c_size_t()
        check(lib.facenapi_db_users_token_ids(None, 0, byref(needed), self._ctx._handle, user_id))
        buf = (c_int64 * max(needed.value, 1))()
        check(lib.facenapi_db_users_token_ids(buf, len(buf), byref(needed), self._ctx._handle,
                                              user_id))
        return list(buf[:needed.value])


class Galleries:
    """facenapi::Galleries: a user's named sets of faces."""

    def __init__(self, ctx):
        self._ctx = ctx

    def create(self, user_id, name):
        gid = c_int64()
        check(lib.facenapi_db_galleries_create(byref(gid), self._ctx._handle, user_id,
                                               _str(name)))
        return gid.value

    def list(self, user_id):
        return _json(lib.facenapi_db_galleries_list, self._ctx._handle, user_id)

    def get(self, user_id, gallery_id):
        return _json(lib.facenapi_db_galleries_get, self._ctx._handle, user_id, gallery_id)

    def delete(self, user_id, gallery_id):
        check(lib.facenapi_db_galleries_delete(self._ctx._handle, user_id, gallery_id))


def _fields(meta, galleries, photo, thumbnail, person, camera, assign_person=False,
            keep_photo=False, photo_data=None):
    ids, n = _ids(galleries)
    f = _lib.FaceFields(_lib.FACE_FIELDS_VERSION, _str(meta), ids, n, _str(photo),
                        _str(thumbnail), person or 0, camera or 0, int(assign_person),
                        int(keep_photo), photo_data, len(photo_data or b""))
    return f, ids  # ids must outlive the call


class Faces:
    """facenapi::Faces: a user's stored faces, as dicts in the reference's field names."""

    def __init__(self, ctx):
        self._ctx = ctx

    def create(self, user_id, face, meta=None, galleries=None, photo=None, thumbnail=None,
               person=None, camera=None, assign_person=False, keep_photo=None):
        """Stores a Face of an Extraction; returns the stored face. assign_person: a face
        without person takes its best match's person (confidence "medium"), else a new one.
        keep_photo: the photo bytes the face was found in, kept in the media store (the face's
        "photo" becomes their media: URL, its chip its "thumbnail")."""
        fields, _keep = _fields(meta, galleries, photo, thumbnail, person, camera, assign_person,
                                keep_photo is not None, keep_photo)
        fid, out = c_int64(), c_void_p()
        check(lib.facenapi_db_faces_create(byref(fid), byref(out), self._ctx._handle, user_id,
                                           face._extraction._handle, face._index, byref(fields)))
        return json.loads(take_string(out))

    def create_from_photo(self, user_id, photo: bytes, meta=None, galleries=None, photo_url=None,
                          thumbnail=None, person=None, camera=None, assign_person=False,
                          keep_photo=False, **options):
        """Extracts the photo and stores each face; returns the stored faces. assign_person and
        keep_photo (a bool: keep these bytes) as create()."""
        fields, _keep = _fields(meta, galleries, photo_url, thumbnail, person, camera,
                                assign_person, keep_photo)
        opts = extract_options(**options)
        return _json(lib.facenapi_db_faces_create_from_photo, self._ctx._handle, user_id, photo,
                     len(photo), byref(opts), byref(fields))

    def get(self, user_id, face_id, include_normalized=False):
        return _json(lib.facenapi_db_faces_get, self._ctx._handle, user_id, face_id,
                     int(include_normalized))

    @staticmethod
    def _query(gallery, meta, person, camera, min_id, max_id, from_, to, limit, descending,
               include_normalized):
        return _lib.FaceQuery(_lib.FACE_QUERY_VERSION, gallery or 0, _str(meta), person or 0,
                              camera or 0, min_id or 0, max_id or 0, _str(from_), _str(to), limit,
                              int(descending), int(include_normalized))

    def list(self, user_id, gallery=None, meta=None, person=None, camera=None, min_id=None,
             max_id=None, from_=None, to=None, limit=100, descending=False,
             include_normalized=False):
        """A page: {"faces": [...], "next": cursor or None} (pass next as min_id/max_id)."""
        q = self._query(gallery, meta, person, camera, min_id, max_id, from_, to, limit,
                        descending, include_normalized)
        return _json(lib.facenapi_db_faces_list, self._ctx._handle, user_id, byref(q))

    def count(self, user_id, gallery=None, meta=None, person=None, camera=None, min_id=None,
              max_id=None, from_=None, to=None):
        q = self._query(gallery, meta, person, camera, min_id, max_id, from_, to, 1, False, False)
        n = c_int64()
        check(lib.facenapi_db_faces_count(byref(n), self._ctx._handle, user_id, byref(q)))
        return n.value

    def update(self, user_id, face_id, meta=None, galleries=None):
        """Changes meta and/or (when galleries is not None) the galleries; returns the face."""
        ids, n = _ids(galleries)
        c = _lib.FaceChanges(_lib.FACE_CHANGES_VERSION, _str(meta), galleries is not None, ids, n)
        return _json(lib.facenapi_db_faces_update, self._ctx._handle, user_id, face_id, byref(c))

    def delete(self, user_id, face_id):
        check(lib.facenapi_db_faces_delete(self._ctx._handle, user_id, face_id))
