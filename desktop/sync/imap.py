"""IMAP connections: TLS only, verified certificates, errors in plain words.

``open_connection`` returns a logged-in ``imapclient.IMAPClient``. Plain-text
IMAP is never used: port 993 / ``imap_security="ssl"`` speaks implicit TLS, port
143 / ``"starttls"`` upgrades before anything else is said, and a server that
does not offer STARTTLS is refused. The certificate is checked against the
system CAs plus ``mailbox.cafile``, or, when the user trusted one certificate by
its fingerprint (self-signed servers), against that SHA-256 fingerprint only.
"""

from __future__ import annotations

import logging
import os
import re
import ssl
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import imapclient
from imapclient import exceptions as imap_errors
from imapclient.datetime_util import parse_to_datetime

from desktop.errors import AuthenticationError, CertificateError, HolubError, ServerError
from desktop.models.mail import LOGIN_METHODS, ROLE_DRAFTS, ROLE_INBOX, ROLE_SENT, Mailbox
from desktop.sync import net

WHAT = "IMAP server"

# imapclient logs whole protocol exchanges at debug level (message bodies, and
# the LOGIN line): never let them reach Holub's logs, even with --verbose.
logging.getLogger("imapclient").setLevel(logging.WARNING)

# Tests shorten this (a server that accepts and never answers must not hang them).
TIMEOUT_ENV = "HOLUB_NET_TIMEOUT"

ROLE_TRASH = "trash"
ROLE_JUNK = "junk"
ROLE_ARCHIVE = "archive"
ROLE_ALL = "all"

# RFC 6154 SPECIAL-USE attributes → Holub's folder roles.
_SPECIAL_USE = {
    b"\\sent": ROLE_SENT,
    b"\\drafts": ROLE_DRAFTS,
    b"\\trash": ROLE_TRASH,
    b"\\junk": ROLE_JUNK,
    b"\\archive": ROLE_ARCHIVE,
    b"\\all": ROLE_ALL,
}

# Usual names when the server does not announce SPECIAL-USE (compared
# case-insensitively, also as the last component of a hierarchical name).
FALLBACK_NAMES: dict[str, tuple[str, ...]] = {
    ROLE_SENT: (
        "Sent",
        "Sent Items",
        "Sent Messages",
        "Sent Mail",
        "[Gmail]/Sent Mail",
        "[Google Mail]/Sent Mail",
        "INBOX.Sent",
        "Odeslaná pošta",
        "Odeslané",
        "Odeslane",
        "Odeslané zprávy",
        "Gesendet",
        "Gesendete Elemente",
        "Envoyés",
        "Elementos enviados",
        "Posta inviata",
    ),
    ROLE_DRAFTS: ("Drafts", "Koncepty", "Rozepsané", "[Gmail]/Drafts", "INBOX.Drafts"),
    ROLE_TRASH: ("Trash", "Deleted Items", "Deleted Messages", "Koš", "[Gmail]/Trash"),
    ROLE_JUNK: ("Junk", "Spam", "Junk E-mail", "Nevyžádaná pošta", "[Gmail]/Spam"),
}


def timeout() -> float:
    try:
        return float(os.environ.get(TIMEOUT_ENV, "")) or net.DEFAULT_TIMEOUT
    except ValueError:
        return net.DEFAULT_TIMEOUT


def _security(mailbox: Mailbox) -> str:
    security = (mailbox.imap_security or "").lower()
    if security in ("ssl", "tls", "starttls"):
        return "starttls" if security == "starttls" else "ssl"
    return "starttls" if mailbox.imap_port == 143 else "ssl"


def untrusted_certificate_error(
    mailbox_host: str, port: int, reason: str, *, starttls: str | None, what: str = WHAT
) -> CertificateError:
    """A CertificateError naming the certificate's fingerprint and how to trust it."""
    try:
        fingerprint: str | None = net.fetch_certificate_fingerprint(
            mailbox_host, port, starttls=starttls, timeout=timeout()
        )
    except (OSError, ssl.SSLError):
        fingerprint = None
    text = (
        f"The {what} {mailbox_host}:{port} presented a certificate that is not trusted ({reason})."
    )
    if fingerprint:
        text += (
            f" Its SHA-256 fingerprint is {fingerprint}; if you have checked it, use "
            f"--trust-fingerprint {fingerprint} (or --cafile with the server's CA)."
        )
    else:
        text += " Use --cafile with the server's CA, or --trust-fingerprint after checking it."
    return CertificateError(text, fingerprint=fingerprint)


def _connect_with(
    mailbox: Mailbox, context: ssl.SSLContext, pin: str | None
) -> imapclient.IMAPClient:
    host, port = mailbox.imap_host, int(mailbox.imap_port)
    if _security(mailbox) == "ssl":
        client = imapclient.IMAPClient(
            host, port=port, ssl=True, ssl_context=context, timeout=timeout()
        )
    else:
        client = imapclient.IMAPClient(host, port=port, ssl=False, timeout=timeout())
        try:
            if not client.has_capability("STARTTLS"):
                raise ServerError(
                    f"The {WHAT} {host}:{port} does not offer STARTTLS; Holub never sends "
                    "passwords in plain text. Use port 993 (--imap-security ssl)."
                )
            client.starttls(context)
        except BaseException:
            _close_quietly(client)
            raise
    # imapclient turns imaplib's debug output on (level 5) and sends it to a
    # logger that Holub keeps silent: imaplib still formats a repr() of every
    # response, whole message bodies included, a third of a bulk fetch's CPU.
    client._imap.debug = 0
    if pin:
        try:
            net.check_pinned(client.socket(), pin)
        except BaseException:
            _close_quietly(client)
            raise
    return client


# A verifying context loads the system's CA store: ~20 ms, half of a sync with
# nothing new. Contexts are reusable, so one per CA file is kept for a while (a
# changed CA file, by its mtime, or an hour's age makes a new one).
_CONTEXT_TTL = 3600.0
_contexts: dict[tuple[str, int], tuple[float, ssl.SSLContext]] = {}
_contexts_lock = threading.Lock()


def _verified_context(cafile: str | None) -> ssl.SSLContext:
    try:
        stamp = os.stat(cafile).st_mtime_ns if cafile else 0
    except OSError:
        stamp = -1  # make_ssl_context reports the unreadable file
    key = (cafile or "", stamp)
    now = time.monotonic()
    with _contexts_lock:
        cached = _contexts.get(key)
        if cached is not None and now - cached[0] < _CONTEXT_TTL:
            return cached[1]
    context = net.make_ssl_context(cafile)
    with _contexts_lock:
        for stale in [k for k in _contexts if k[0] == key[0]]:
            del _contexts[stale]
        _contexts[key] = (now, context)
    return context


def _connect(mailbox: Mailbox) -> imapclient.IMAPClient:
    """A TLS connection whose certificate is pinned or verifies against the CAs.

    The mailbox has one pinned fingerprint for IMAP and SMTP (as the SMTP side
    does): a certificate without it is still accepted when the CAs vouch for it.
    """
    verified = _verified_context(mailbox.cafile)
    if not mailbox.trusted_fingerprint:
        return _connect_with(mailbox, verified, None)
    try:
        return _connect_with(mailbox, net.make_pinned_context(), mailbox.trusted_fingerprint)
    except CertificateError as pin_error:
        try:
            return _connect_with(mailbox, verified, None)
        except ssl.SSLCertVerificationError:
            raise pin_error from None


def _close_quietly(client: imapclient.IMAPClient) -> None:
    try:
        client.shutdown()
    except Exception:
        pass


def open_connection(mailbox: Mailbox, password: str) -> imapclient.IMAPClient:
    """Connect, verify TLS and log in; every failure is a HolubError in plain words."""
    host, port = mailbox.imap_host, int(mailbox.imap_port)
    if not host:
        raise HolubError(f"The mailbox {mailbox.name} has no IMAP server set.")
    try:
        client = _connect(mailbox)
    except ssl.SSLCertVerificationError as exc:
        starttls = "imap" if _security(mailbox) == "starttls" else None
        reason = exc.verify_message or str(exc)
        raise untrusted_certificate_error(host, port, reason, starttls=starttls) from exc
    except HolubError:
        raise
    except imap_errors.IMAPClientError as exc:
        raise ServerError(f"The {WHAT} {host}:{port} answered with an error: {exc}") from exc
    except (OSError, EOFError, ssl.SSLError) as exc:
        raise net.describe_network_error(exc, host, port, WHAT) from exc
    try:
        _log_in(client, mailbox, password)
    except HolubError:
        _close_quietly(client)
        raise
    except imap_errors.LoginError as exc:
        _close_quietly(client)
        raise AuthenticationError(
            f"The IMAP server refused the login for {mailbox.login}: wrong user name or "
            "password (with two-factor sign-in use an app password)."
        ) from exc
    except imap_errors.IMAPClientError as exc:
        _close_quietly(client)
        raise ServerError(f"The {WHAT} {host}:{port} answered with an error: {exc}") from exc
    except (OSError, EOFError, ssl.SSLError) as exc:
        _close_quietly(client)
        raise net.describe_network_error(exc, host, port, WHAT) from exc
    return client


# The IMAP login methods (R4, models.mail.LOGIN_METHODS). "plain", the default the Caflou
# help tells users to leave, is a plain password that works wherever one does: SASL PLAIN
# (AUTHENTICATE) where offered, else the server's LOGIN. "login" is LOGIN only: the LOGIN
# command, or SASL LOGIN where a server disables the command but offers that mechanism
# (Dovecot with auth_mechanisms = login does so).


def offered_login_methods(capabilities: Sequence[str]) -> list[str]:
    """Which of LOGIN_METHODS (upper case) the server's pre-login capabilities allow."""
    caps = {c.upper() for c in capabilities}
    offered = []
    if "AUTH=PLAIN" in caps:
        offered.append("PLAIN")
    if "LOGINDISABLED" not in caps or "AUTH=LOGIN" in caps:
        offered.append("LOGIN")
    return offered


def _method_refused(host: str, method: str, capabilities: Sequence[str]) -> HolubError:
    chosen = method.upper()
    offered = offered_login_methods(capabilities)
    if offered:
        return HolubError(
            f"The {WHAT} {host} does not accept the {chosen} login method; it offers "
            f"{' and '.join(offered)}. Choose {offered[0]} as the IMAP login method."
        )
    mechanisms = [c.upper()[5:] for c in capabilities if c.upper().startswith("AUTH=")]
    return HolubError(
        f"The {WHAT} {host} accepts neither the PLAIN nor the LOGIN login method (it offers "
        f"{', '.join(mechanisms) or 'no login method'}); Holub cannot sign in to it."
    )


def _log_in(client: imapclient.IMAPClient, mailbox: Mailbox, password: str) -> None:
    """Log in with the mailbox's method; one the server does not offer is a plain error."""
    method = (mailbox.imap_auth or "plain").lower()
    if method not in LOGIN_METHODS:
        raise HolubError(
            f"The mailbox's IMAP login method {method!r} is not supported (use plain or login)."
        )
    # imaplib's list from the greeting (or after STARTTLS); imapclient's accessor would
    # cache this pre-login list and so hide CONDSTORE and the like after login.
    capabilities = [str(c).upper() for c in client._imap.capabilities]
    offered = offered_login_methods(capabilities)
    if method == "plain" and "PLAIN" not in offered and "LOGIN" in offered:
        method = "login"  # still a plain password, by the one way the server has
    if method.upper() not in offered:
        raise _method_refused(mailbox.imap_host, method, capabilities)
    if method == "plain":
        # SASL PLAIN sends the credentials as UTF-8, so any password works.
        client.plain_login(mailbox.login, password)
    elif "LOGINDISABLED" in capabilities:
        # SASL LOGIN: the server asks "Username:" and then "Password:".
        def answer(challenge: bytes) -> str:
            return password if b"pass" in challenge.lower() else mailbox.login

        client.sasl_login("LOGIN", answer)
    else:
        try:
            client.login(mailbox.login, password)
        except UnicodeEncodeError as exc:
            # imaplib sends LOGIN's arguments as ASCII only.
            raise HolubError(
                "The IMAP LOGIN method cannot send a user name or password with accented "
                "letters; choose PLAIN as the IMAP login method."
            ) from exc


def close_connection(client: imapclient.IMAPClient) -> None:
    """Log out politely; a connection that is already gone is not an error."""
    try:
        client.logout()
    except Exception:
        _close_quietly(client)


def _name(raw: bytes | str) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def find_folder_roles(client: imapclient.IMAPClient) -> dict[str, str]:
    """Role ("inbox", "sent", "drafts", "trash", "junk", ...) → remote folder name.

    SPECIAL-USE attributes win; without them the usual names are tried.
    """
    listing = client.list_folders()
    roles: dict[str, str] = {}
    by_lower: dict[str, str] = {}
    # Leaf name (after the hierarchy delimiter) → full name, for e.g. "INBOX.Sent".
    by_leaf: dict[str, str] = {}
    for flags, delimiter, raw_name in listing:
        name = _name(raw_name)
        lowered = {f.lower() if isinstance(f, bytes) else str(f).lower().encode() for f in flags}
        if b"\\noselect" in lowered or b"\\nonexistent" in lowered:
            continue
        if name.upper() == "INBOX":
            roles.setdefault(ROLE_INBOX, name)
        for attribute, role in _SPECIAL_USE.items():
            if attribute in lowered:
                roles.setdefault(role, name)
        by_lower.setdefault(name.lower(), name)
        sep = _name(delimiter) if delimiter else ""
        by_leaf.setdefault((name.rsplit(sep, 1)[-1] if sep else name).lower(), name)
    roles.setdefault(ROLE_INBOX, "INBOX")
    for role, candidates in FALLBACK_NAMES.items():
        if role in roles:
            continue
        for candidate in candidates:
            found = by_lower.get(candidate.lower()) or by_leaf.get(candidate.lower())
            if found:
                roles[role] = found
                break
    return roles


# -- bulk body fetch -------------------------------------------------------------------

_UID = re.compile(rb"\bUID (\d+)")
_FLAGS = re.compile(rb"\bFLAGS \(([^)]*)\)")
_INTERNALDATE = re.compile(rb'\bINTERNALDATE "([^"]+)"')
_MODSEQ = re.compile(rb"\bMODSEQ \((\d+)\)")


@dataclass
class FetchedBody:
    uid: int
    raw: bytes
    flags: tuple[str, ...]
    internal_date: datetime | None  # UTC, naive
    modseq: int | None


def sequence_set(uids: Sequence[int]) -> str:
    """Sorted UIDs as a compact IMAP sequence set: [1, 2, 3, 7] → "1:3,7"."""
    parts: list[str] = []
    ordered = sorted(uids)
    start = prev = None
    for uid in ordered:
        if start is None:
            start = prev = uid
        elif uid == prev + 1:
            prev = uid
        else:
            parts.append(f"{start}:{prev}" if start != prev else str(start))
            start = prev = uid
    if start is not None:
        parts.append(f"{start}:{prev}" if start != prev else str(start))
    return ",".join(parts)


def fetch_bodies(
    client: imapclient.IMAPClient, uids: Sequence[int], *, modseq: bool = False
) -> list[FetchedBody]:
    """UID FETCH of whole messages with BODY.PEEK[] (never sets \\Seen), in UID order.

    Goes through imapclient's underlying imaplib connection: imapclient's
    generic response parser costs 2-3x the network time on large literals,
    while here only the short metadata before each literal is read (by regex).
    """
    if not uids:
        return []
    items = "(UID FLAGS INTERNALDATE" + (" MODSEQ" if modseq else "") + " BODY.PEEK[])"
    return [body for body, _ in _fetch_literals(client, uids, items)]


def _fetch_literals(
    client: imapclient.IMAPClient, uids: Sequence[int], items: str
) -> list[tuple[FetchedBody, int]]:
    """UID FETCH of ``items`` (one literal each: BODY.PEEK[] or [HEADER]) → the
    literal with its metadata and RFC822.SIZE (0 when not asked), in UID order."""
    conn = client._imap  # imaplib.IMAP4 inside imapclient (stable for years)
    typ, data = conn.uid("FETCH", sequence_set(uids), items)
    if typ != "OK":
        raise ServerError(f"The IMAP server refused to send messages: {_words(data)}")
    wanted = set(uids)
    out: dict[int, tuple[FetchedBody, int]] = {}
    for index, entry in enumerate(data):
        if not isinstance(entry, tuple):
            continue
        meta, raw = entry
        # Items after the literal (rare: servers send BODY[] last as asked) follow it.
        tail = data[index + 1] if index + 1 < len(data) else b""
        if isinstance(tail, bytes):
            meta += b" " + tail
        found = _UID.search(meta)
        if found is None:
            continue
        uid = int(found.group(1))
        if uid not in wanted:
            continue  # an unsolicited FETCH about another message
        flags = _FLAGS.search(meta)
        when = _INTERNALDATE.search(meta)
        mod = _MODSEQ.search(meta)
        size = _SIZE.search(meta)
        internal_date = None
        if when:
            try:
                internal_date = parse_to_datetime(when.group(1), normalise=False)
                internal_date = internal_date.astimezone(UTC).replace(tzinfo=None)
            except ValueError:
                internal_date = None
        body = FetchedBody(
            uid=uid,
            raw=raw,
            flags=tuple(flags.group(1).decode("utf-8", "replace").split()) if flags else (),
            internal_date=internal_date,
            modseq=int(mod.group(1)) if mod else None,
        )
        out[uid] = (body, int(size.group(1)) if size else 0)
    return [out[uid] for uid in sorted(out)]


@dataclass
class FetchedHeader:
    """A message's list-row facts without its body (the headers-first phase)."""

    uid: int
    header: bytes  # the RFC 5322 header block (BODY.PEEK[HEADER])
    flags: tuple[str, ...]
    internal_date: datetime | None  # UTC, naive
    modseq: int | None
    size: int  # RFC822.SIZE: the whole message's size, for planning the body batches


# The header fields a list row is made of (fastparse.parse_headers reads no others):
# a quarter of the bytes of the whole header block (Received, DKIM and the like stay on
# the server), so a quarter of the transfer and about half the parsing.
LIST_ROW_FIELDS = "SUBJECT MESSAGE-ID IN-REPLY-TO REFERENCES DATE FROM TO CC REPLY-TO"


def fetch_headers(
    client: imapclient.IMAPClient, uids: Sequence[int], *, modseq: bool = False
) -> list[FetchedHeader]:
    """One UID FETCH of the list-row header fields (LIST_ROW_FIELDS), flags, dates and
    sizes of ``uids`` (never sets \\Seen: BODY.PEEK), in UID order; as fetch_bodies,
    through imaplib and regexes. A UID missing from the answer was expunged meanwhile.

    The server picks the fields out of the header block; where a malformed block makes
    it read them otherwise than Holub's parser of the whole message (a line without a
    colon), that parse reports it and store.fill_bodies takes its fields."""
    if not uids:
        return []
    items = (
        "(UID FLAGS INTERNALDATE RFC822.SIZE"
        + (" MODSEQ" if modseq else "")
        + f" BODY.PEEK[HEADER.FIELDS ({LIST_ROW_FIELDS})])"
    )
    bodies = _fetch_literals(client, uids, items)
    return [
        FetchedHeader(
            uid=b.uid,
            header=b.raw,
            flags=b.flags,
            internal_date=b.internal_date,
            modseq=b.modseq,
            size=size,
        )
        for b, size in bodies
    ]


def _words(data: object) -> str:
    if isinstance(data, list | tuple):
        return " ".join(_words(d) for d in data)
    if isinstance(data, bytes):
        return data.decode("utf-8", "replace")
    return str(data)


_SEARCH_RANGE = 100_000


def uids_up_to(client: imapclient.IMAPClient, last_uid: int) -> set[int]:
    """The selected folder's UIDs from 1 to ``last_uid`` (UID SEARCH).

    Through imaplib, read with bytes.split: imapclient's generic response parser
    takes ~2 µs a number, 20 ms on a 10,000-message folder.
    """
    out: set[int] = set()
    # In UID ranges, so that no answer line passes imaplib's 1 MB line limit.
    for start in range(1, last_uid + 1, _SEARCH_RANGE):
        end = min(last_uid, start + _SEARCH_RANGE - 1)
        typ, data = client._imap.uid("SEARCH", "UID", f"{start}:{end}")
        if typ != "OK":
            raise ServerError(f"The IMAP server refused to list the messages: {_words(data)}")
        for line in data:
            if isinstance(line, bytes):
                out.update(int(word) for word in line.split() if word.isdigit())
    # "1:n" is "1:highest" when n is above every UID: never report more than asked.
    return {uid for uid in out if uid <= last_uid}


_SIZE = re.compile(rb"\bRFC822\.SIZE (\d+)")
# UIDs per FETCH RFC822.SIZE: the answer is ~40 bytes a message.
_SIZES_PER_FETCH = 2000


def fetch_sizes(client: imapclient.IMAPClient, uids: Sequence[int]) -> dict[int, int]:
    """The size in bytes the server reports for each of ``uids`` (UID FETCH RFC822.SIZE),
    so the bodies can be fetched in batches of bounded bytes. A UID missing from the
    answer was expunged meanwhile; it is simply not in the result.

    Through imaplib and a regex, like fetch_bodies (imapclient's parser is slow).
    """
    out: dict[int, int] = {}
    ordered = sorted(uids)
    for start in range(0, len(ordered), _SIZES_PER_FETCH):
        chunk = ordered[start : start + _SIZES_PER_FETCH]
        typ, data = client._imap.uid("FETCH", sequence_set(chunk), "(UID RFC822.SIZE)")
        if typ != "OK":
            raise ServerError(f"The IMAP server refused to report message sizes: {_words(data)}")
        for line in data:
            meta = line[0] if isinstance(line, tuple) else line
            if not isinstance(meta, bytes):
                continue
            uid, size = _UID.search(meta), _SIZE.search(meta)
            if uid and size:
                out[int(uid.group(1))] = int(size.group(1))
    return out


# -- QRESYNC (RFC 7162) ------------------------------------------------------------------


def parse_sequence_set(text: str) -> set[int]:
    """The UIDs of a sequence set as VANISHED lists them: "1:3,7" → {1, 2, 3, 7}."""
    out: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        low, _, high = part.partition(":")
        try:
            a, b = int(low), int(high or low)
        except ValueError:
            continue  # "*" never appears in VANISHED; anything odd is skipped
        out.update(range(min(a, b), max(a, b) + 1))
    return out


def examine_qresync(
    client: imapclient.IMAPClient, folder: str, uidvalidity: int, modseq: int
) -> tuple[dict, set[int]]:
    """EXAMINE (read-only) with the QRESYNC parameter: the SELECT answer and the UIDs
    expunged since ``modseq`` (the ``VANISHED (EARLIER)`` answer).

    The caller must have sent ``ENABLE QRESYNC``. imapclient cannot pass SELECT
    parameters, so this goes through its imaplib connection as select_folder does.
    When ``uidvalidity`` is no longer the folder's, the server reports nothing.
    """
    conn = client._imap
    conn.untagged_responses = {}
    conn.is_readonly = True
    typ, data = conn._simple_command(
        "EXAMINE", client._normalise_folder(folder), f"(QRESYNC ({uidvalidity} {modseq}))"
    )
    if typ != "OK":
        conn.state = "AUTH"
        raise imap_errors.IMAPClientError(f"EXAMINE command error: {typ} {_words(data)}")
    conn.state = "SELECTED"
    vanished: set[int] = set()
    for line in conn.untagged_responses.pop("VANISHED", []):
        text = _name(line)
        if text.upper().startswith("(EARLIER)"):
            text = text[len("(EARLIER)") :]
        vanished |= parse_sequence_set(text)
    # Changed flags come as FETCH answers: the flag check asks for them itself.
    conn.untagged_responses.pop("FETCH", None)
    return client._process_select_response(conn.untagged_responses), vanished
