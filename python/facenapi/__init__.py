"""facenapi for Python: extraction, recognition and the stores, over libfacenapi's C ABI
(ctypes).

    import facenapi
    with facenapi.Context(db_uri="faces.db") as ctx:
        faces = ctx.extract(open("photo.jpg", "rb").read())
        alice, _, token = ctx.users.create("alice")
        staff = ctx.galleries.create(alice, "staff")
        stored = ctx.faces.create(alice, faces[0], galleries=[staff])
        found = ctx.identify(alice, open("group.jpg", "rb").read(), galleries=[staff])

libfacenapi.so is found through FACENAPI_LIBRARY, next to this package, or the system loader
(see _lib.py). Every failure raises a FacenapiError subclass named after its C code.
"""
from ._lib import lib as _clib
from .context import Context, Faces, Galleries, Users, extract_options
from .persons import Cameras, Persons
from .errors import (AlreadyExistsError, BufferTooSmallError, DecodeError, FacenapiError,
                     InternalError, InvalidArgumentError, IOFailureError, ModelError,
                     NotFoundError, TooLargeError, TooManyFacesError, UnauthenticatedError,
                     UnsupportedFormatError)
from .extraction import Extraction, Face

__all__ = ["Context", "Users", "Galleries", "Faces", "Persons", "Cameras", "Extraction", "Face",
           "extract_options",
           "version", "match_threshold", "FacenapiError", "InvalidArgumentError", "DecodeError",
           "UnsupportedFormatError", "TooLargeError", "ModelError", "TooManyFacesError",
           "IOFailureError", "NotFoundError", "UnauthenticatedError", "AlreadyExistsError",
           "InternalError", "BufferTooSmallError"]


def version() -> str:
    """The library version, e.g. "0.1.0"."""
    return _clib.facenapi_version().decode()


def match_threshold() -> float:
    """Facen distance below which two faces are taken to be the same person."""
    return _clib.facenapi_facen_match_threshold()
