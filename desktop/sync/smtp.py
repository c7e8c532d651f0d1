"""Sending through SMTP: STARTTLS (587) or implicit TLS (465), never plain text.

Certificates are always verified, either against the system CAs plus the mailbox's
``cafile`` or, when the user trusted a certificate by its fingerprint, against that
pinned fingerprint. Every failure becomes a HolubError with one plain sentence; the
server's own words are kept where they say something (a refused recipient, a full
mailbox, a rejected login).
"""

from __future__ import annotations

import base64
import logging
import os
import smtplib
import ssl
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from desktop.errors import AuthenticationError, CertificateError, HolubError, ServerError
from desktop.models.mail import LOGIN_METHODS, Mailbox
from desktop.sync.net import (
    DEFAULT_TIMEOUT,
    check_pinned,
    describe_network_error,
    make_pinned_context,
    make_ssl_context,
)

log = logging.getLogger(__name__)

TIMEOUT_ENV = "HOLUB_NET_TIMEOUT"

WHAT = "SMTP server"


class RecipientRefused(HolubError):
    """The server would not take one or more recipients; nothing was sent."""

    def __init__(self, message: str, refused: dict[str, str]) -> None:
        super().__init__(message)
        self.refused = refused


class MessageRejected(HolubError):
    """The server refused the message itself (at MAIL FROM or DATA)."""

    def __init__(self, message: str, *, code: int) -> None:
        super().__init__(message)
        self.code = code
        # 4xx replies mean "try again later"; 5xx mean "this will not work".
        self.transient = 400 <= code < 500


def server_words(reply: bytes | str) -> str:
    """The server's reply text on one line (it may span several SMTP lines)."""
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(text.split())


def _underlying(exc: BaseException) -> BaseException:
    """smtplib reports a timeout or reset as "disconnected": describe the real cause."""
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        if isinstance(exc.__context__, OSError):
            return exc.__context__
        return ConnectionError(str(exc) or "closed by the server")
    return exc


def default_timeout() -> float:
    """Seconds to wait for the server; HOLUB_NET_TIMEOUT overrides (shared with IMAP)."""
    try:
        return float(os.environ.get(TIMEOUT_ENV, "")) or DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT


def _security(mailbox: Mailbox) -> str:
    security = (mailbox.smtp_security or "").lower()
    if security == "tls":
        security = "ssl"
    if security not in ("starttls", "ssl"):
        # Plain text is never offered: an unknown value is a broken setting, not a fallback.
        raise HolubError(
            f"The mailbox's SMTP security setting {security!r} is not supported "
            "(use starttls or ssl)."
        )
    return security


def _open(
    mailbox: Mailbox, context: ssl.SSLContext, pin: str | None, timeout: float
) -> smtplib.SMTP:
    """Connect and secure the session (TLS, EHLO), not yet logged in; errors as HolubError."""
    host, port = mailbox.smtp_host, int(mailbox.smtp_port)
    security = _security(mailbox)
    client: smtplib.SMTP | None = None
    try:
        # local_hostname is given so smtplib does not block on a reverse DNS lookup.
        if security == "ssl":
            client = smtplib.SMTP_SSL(local_hostname="localhost", timeout=timeout, context=context)
        else:
            client = smtplib.SMTP(local_hostname="localhost", timeout=timeout)
        # smtplib takes the TLS server name from _host, which only its constructor sets;
        # connecting in the constructor would skip our local_hostname, so set it here.
        client._host = host
        client.connect(host, port)
        # Name ourselves by our address literal, as mail clients commonly do.
        client.local_hostname = f"[{client.sock.getsockname()[0]}]"
        client.ehlo()
        if security == "starttls":
            if not client.has_extn("starttls"):
                raise HolubError(
                    f"The SMTP server {host}:{port} does not offer STARTTLS; Holub never "
                    "sends a password unencrypted. Try port 465 with implicit TLS."
                )
            client.starttls(context=context)
            client.ehlo()
        if pin:
            check_pinned(client.sock, pin)  # type: ignore[arg-type]
        return client
    except HolubError:
        _close(client)
        raise
    except ssl.SSLCertVerificationError as exc:
        _close(client)
        raise _untrusted(mailbox, exc) from exc
    except smtplib.SMTPResponseException as exc:
        _close(client)
        raise ServerError(
            f"The SMTP server {host}:{port} answered with an error: "
            f"{exc.smtp_code} {server_words(exc.smtp_error)}"
        ) from exc
    except (OSError, smtplib.SMTPException, EOFError) as exc:
        _close(client)
        raise describe_network_error(_underlying(exc), host, port, WHAT) from exc


def _untrusted(mailbox: Mailbox, exc: ssl.SSLCertVerificationError) -> HolubError:
    """Same words as for IMAP, with the certificate's fingerprint to check and trust."""
    reason = exc.verify_message or str(exc)
    starttls = "smtp" if _security(mailbox) == "starttls" else None
    try:
        from desktop.sync.imap import untrusted_certificate_error
    except ImportError:  # pragma: no cover - imap.py is part of the same package
        return describe_network_error(exc, mailbox.smtp_host, mailbox.smtp_port, WHAT)
    return untrusted_certificate_error(
        mailbox.smtp_host, int(mailbox.smtp_port), reason, starttls=starttls, what=WHAT
    )


@contextmanager
def connect(
    mailbox: Mailbox, password: str, *, timeout: float | None = None
) -> Iterator[smtplib.SMTP]:
    """An SMTP session over verified TLS, logged in; closed (QUIT) afterwards.

    With a trusted (pinned) fingerprint the certificate must have it; as the mailbox has
    one fingerprint for IMAP and SMTP, an SMTP certificate that does not match it is
    still accepted when it verifies against the CAs (e.g. a self-signed IMAP server and
    a provider's public SMTP relay).
    """
    timeout = timeout or default_timeout()
    host, port = mailbox.smtp_host, int(mailbox.smtp_port)
    if not host:
        raise HolubError("The mailbox has no SMTP server set.")
    _security(mailbox)
    verified = make_ssl_context(mailbox.cafile or None)
    if mailbox.trusted_fingerprint:
        try:
            client = _open(mailbox, make_pinned_context(), mailbox.trusted_fingerprint, timeout)
        except CertificateError as pin_error:
            try:
                client = _open(mailbox, verified, None, timeout)
            except CertificateError:
                raise pin_error from None
    else:
        client = _open(mailbox, verified, None, timeout)
    try:
        _login(client, mailbox, password, host, port)
        yield client
    except HolubError:
        _close(client)
        raise
    except smtplib.SMTPResponseException as exc:
        _close(client)
        raise ServerError(
            f"The SMTP server {host}:{port} answered with an error: "
            f"{exc.smtp_code} {server_words(exc.smtp_error)}"
        ) from exc
    except (OSError, smtplib.SMTPException, EOFError) as exc:
        _close(client)
        raise describe_network_error(_underlying(exc), host, port, WHAT) from exc
    else:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            _close(client)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _login(client: smtplib.SMTP, mailbox: Mailbox, password: str, host: str, port: int) -> None:
    """AUTH PLAIN or AUTH LOGIN, as the mailbox chose, with UTF-8 credentials.

    "plain" (the default) is a plain password: AUTH PLAIN where offered, else AUTH LOGIN
    (Office 365 offers only LOGIN); "login" is AUTH LOGIN only. Done by hand because
    smtplib.login() encodes credentials as ASCII and so cannot send a password with
    diacritics, which Czech users do have.
    """
    method = (mailbox.smtp_auth or "plain").lower()
    if method not in LOGIN_METHODS:
        raise HolubError(
            f"The mailbox's SMTP login method {method!r} is not supported (use plain or login)."
        )
    mechanisms = client.esmtp_features.get("auth", "").upper().split()
    if not mechanisms:
        raise HolubError(
            f"The SMTP server {host}:{port} does not offer a login (AUTH) over TLS; "
            "Holub cannot send through it."
        )
    if method == "plain" and "PLAIN" not in mechanisms and "LOGIN" in mechanisms:
        method = "login"  # still a plain password, by the one way the server has
    if method.upper() not in mechanisms:
        known = [m for m in ("PLAIN", "LOGIN") if m in mechanisms]
        advice = (
            f" Choose {known[0]} as the SMTP login method."
            if known
            else " Holub signs in with PLAIN or LOGIN only."
        )
        raise HolubError(
            f"The SMTP server {host}:{port} does not accept the {method.upper()} login "
            f"method; it offers {' '.join(mechanisms)}.{advice}"
        )
    user = mailbox.login.encode("utf-8")
    secret = password.encode("utf-8")
    if method == "plain":
        code, reply = client.docmd("AUTH", "PLAIN " + _b64(b"\0" + user + b"\0" + secret))
    else:
        code, reply = client.docmd("AUTH", "LOGIN " + _b64(user))
        if code == 334:
            code, reply = client.docmd(_b64(secret))
    if code == 235:
        return
    words = f"{code} {server_words(reply)}"
    if 400 <= code < 500:
        raise ServerError(f"The SMTP server could not check the login right now: {words}")
    raise AuthenticationError(
        f"The SMTP server refused the login for {mailbox.login}: {words}. "
        "Check the user name and password."
    )


def _close(client: smtplib.SMTP | None) -> None:
    if client is not None:
        try:
            client.close()
        except OSError:
            pass


def check_login(mailbox: Mailbox, password: str, *, timeout: float | None = None) -> None:
    """Connect over TLS and log in; raise a HolubError subclass on any problem."""
    with connect(mailbox, password, timeout=timeout):
        pass


def send_raw(
    mailbox: Mailbox,
    password: str,
    raw: bytes,
    sender: str,
    recipients: Sequence[str],
    *,
    timeout: float | None = None,
) -> str:
    """Send ``raw`` to ``recipients``; returns the server's words on acceptance.

    All or nothing: when the server refuses any recipient the transaction is reset
    before DATA, so nobody gets the message and the user can fix the address.
    """
    if not recipients:
        raise HolubError("The message has no recipients.")
    with connect(mailbox, password, timeout=timeout) as client:
        host, port = mailbox.smtp_host, mailbox.smtp_port
        in_data = False
        try:
            options: list[str] = []
            if any(b > 127 for b in raw) and client.has_extn("8bitmime"):
                options.append("BODY=8BITMIME")
            if client.has_extn("size"):
                options.append(f"SIZE={len(raw)}")
            code, reply = client.mail(sender, options)
            if code != 250:
                client.rset()
                raise MessageRejected(
                    f"The SMTP server refused the sender {sender}: {code} {server_words(reply)}",
                    code=code,
                )
            refused: dict[str, str] = {}
            for rcpt in recipients:
                code, reply = client.rcpt(rcpt)
                if code not in (250, 251):
                    refused[rcpt] = f"{code} {server_words(reply)}"
            if refused:
                client.rset()
                words = "; ".join(f"{addr}: {why}" for addr, why in refused.items())
                raise RecipientRefused(f"The SMTP server refused the recipient {words}", refused)
            in_data = True
            code, reply = client.data(raw)
            if code != 250:
                raise MessageRejected(
                    f"The SMTP server did not accept the message: {code} {server_words(reply)}",
                    code=code,
                )
            return f"{code} {server_words(reply)}"
        except smtplib.SMTPServerDisconnected as exc:
            raise _lost(
                describe_network_error(_underlying(exc), host, port, WHAT), in_data
            ) from exc
        except smtplib.SMTPResponseException as exc:
            raise MessageRejected(
                f"The SMTP server refused the message: {exc.smtp_code} "
                f"{server_words(exc.smtp_error)}",
                code=exc.smtp_code,
            ) from exc
        except OSError as exc:
            raise _lost(describe_network_error(exc, host, port, WHAT), in_data) from exc


def _lost(error: HolubError, in_data: bool) -> HolubError:
    """A connection lost while the server was taking the message: say it may have gone."""
    if in_data:
        error.message = (
            f"{error.message.rstrip('.')}, while the server was taking the message: it may "
            "have been sent. Check the Sent folder or with the recipients before Retry."
        )
    return error
