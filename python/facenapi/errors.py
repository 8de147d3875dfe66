"""Exceptions that mirror the C error codes (FACENAPI_E*, one to one with facenapi::Errc)."""
from ._lib import lib


class FacenapiError(Exception):
    """A failed facenapi call: `code` is the negative C code, str() the library's message."""

    code = None

    def __init__(self, message, code=None):
        super().__init__(message)
        if code is not None:
            self.code = code


class InvalidArgumentError(FacenapiError, ValueError):
    code = -1


class DecodeError(FacenapiError):
    code = -2


class UnsupportedFormatError(FacenapiError):
    code = -3


class TooLargeError(FacenapiError):
    code = -4


class ModelError(FacenapiError):
    code = -5


class TooManyFacesError(FacenapiError):
    code = -6


class IOFailureError(FacenapiError, OSError):
    code = -7


class NotFoundError(FacenapiError, LookupError):
    code = -8


class UnauthenticatedError(FacenapiError, PermissionError):
    code = -9


class AlreadyExistsError(FacenapiError):
    code = -10


class InternalError(FacenapiError):
    code = -11


class BufferTooSmallError(FacenapiError):
    code = -12


ERRORS = {cls.code: cls for cls in (
    InvalidArgumentError, DecodeError, UnsupportedFormatError, TooLargeError, ModelError,
    TooManyFacesError, IOFailureError, NotFoundError, UnauthenticatedError, AlreadyExistsError,
    InternalError, BufferTooSmallError)}


def check(rc):
    """Raises the exception of a nonzero return code with the thread's error message."""
    if rc == 0:
        return
    message = lib.facenapi_error_message().decode("utf-8", "replace")
    if not message:
        message = lib.facenapi_error_code_message(rc).decode()
    raise ERRORS.get(rc, FacenapiError)(message, rc)
