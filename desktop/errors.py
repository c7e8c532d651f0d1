"""Errors the user is told about, in plain words, classified for the sync engine.

Every expected failure becomes a HolubError subclass with a one-line message
that the CLI prints and the GUI shows. Nothing here imports Qt.
"""

from __future__ import annotations


class HolubError(Exception):
    """An expected failure with a message meant for the user."""

    #: Whether retrying later may help (network trouble) or not (wrong password).
    transient = False

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class AuthenticationError(HolubError):
    """The server refused the credentials: stop retrying and tell the user."""


class SignInRequired(AuthenticationError):
    """An OAuth sign-in expired or was revoked: the mailbox needs the user to sign in again."""


class CertificateError(HolubError):
    """The server's TLS certificate is not trusted."""

    def __init__(self, message: str, *, fingerprint: str | None = None, **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]
        self.fingerprint = fingerprint


class ConnectionFailed(HolubError):
    """Unknown host, refused, timed out, dropped: worth retrying later."""

    transient = True


class ServerError(HolubError):
    """The server answered, but with an error we cannot fix by retrying at once."""

    transient = True


class PermissionDenied(HolubError):
    """The CRM refused access to an object (HTTP 403)."""


class InvalidInput(HolubError):
    """The user gave something Holub cannot use (a date too early, a bad address)."""
