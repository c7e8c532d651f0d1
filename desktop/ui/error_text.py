"""The commonest failures in the user's language.

Holub's core (sync, providers, CRM; Qt-free) raises HolubError with one plain English
sentence, which the command line prints as it is. The window shows those sentences
where the user meets them most (a failed sync, a background job, the Add mailbox
dialog) and says the ones listed here again through Qt's translations: no connection,
a refused login, an untrusted certificate, an expired sign-in. Any other sentence is
shown unchanged, so nothing is lost, only not yet translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.ui.i18n import Sentences, say_again

_CONTEXT = "ErrorText"
# The services net.describe_network_error names (its ``what``), and where.
_WHERE = r"(?P<what>IMAP server|SMTP server) (?P<address>\S+)"

# One sentence per service, so that each language can word it its own way.
_NETWORK: dict[str, dict[str, str]] = {
    "refused": {
        "IMAP server": QT_TRANSLATE_NOOP(
            "ErrorText", "Connection refused by the IMAP server %1. Check the server and port."
        ),
        "SMTP server": QT_TRANSLATE_NOOP(
            "ErrorText", "Connection refused by the SMTP server %1. Check the server and port."
        ),
    },
    "timeout": {
        "IMAP server": QT_TRANSLATE_NOOP(
            "ErrorText", "The IMAP server %1 did not answer in time (timeout)."
        ),
        "SMTP server": QT_TRANSLATE_NOOP(
            "ErrorText", "The SMTP server %1 did not answer in time (timeout)."
        ),
    },
    "lost": {
        "IMAP server": QT_TRANSLATE_NOOP(
            "ErrorText", "The connection to the IMAP server %1 was lost: %2."
        ),
        "SMTP server": QT_TRANSLATE_NOOP(
            "ErrorText", "The connection to the SMTP server %1 was lost: %2."
        ),
    },
    "unreachable": {
        "IMAP server": QT_TRANSLATE_NOOP("ErrorText", "Cannot reach the IMAP server %1: %2."),
        "SMTP server": QT_TRANSLATE_NOOP("ErrorText", "Cannot reach the SMTP server %1: %2."),
    },
    "tls": {
        "IMAP server": QT_TRANSLATE_NOOP("ErrorText", "TLS with the IMAP server %1 failed: %2."),
        "SMTP server": QT_TRANSLATE_NOOP("ErrorText", "TLS with the SMTP server %1 failed: %2."),
    },
    "untrusted": {
        "IMAP server": QT_TRANSLATE_NOOP(
            "ErrorText",
            "The IMAP server %1 presented a certificate that is not trusted (%2). If the "
            "server uses a certificate of its own, choose its CA certificate file in Add "
            "mailbox.",
        ),
        "SMTP server": QT_TRANSLATE_NOOP(
            "ErrorText",
            "The SMTP server %1 presented a certificate that is not trusted (%2). If the "
            "server uses a certificate of its own, choose its CA certificate file in Add "
            "mailbox.",
        ),
    },
}
_HOST = {
    "IMAP server": QT_TRANSLATE_NOOP(
        "ErrorText", "Unknown host: %1 (the IMAP server name could not be found)."
    ),
    "SMTP server": QT_TRANSLATE_NOOP(
        "ErrorText", "Unknown host: %1 (the SMTP server name could not be found)."
    ),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _network(kind: str) -> Callable[[re.Match[str]], str]:
    def say(m: re.Match[str]) -> str:
        text = _tr(_NETWORK[kind][m["what"]]).replace("%1", m["address"])
        return text.replace("%2", m["detail"]) if "detail" in m.groupdict() else text

    return say


# (pattern of the core's sentence, its translation from the match), first match wins.
_ERRORS: Sentences = [
    (
        re.compile(rf"Connection refused by the {_WHERE}\. Check the server and port\."),
        _network("refused"),
    ),
    (re.compile(rf"The {_WHERE} did not answer in time \(timeout\)\."), _network("timeout")),
    (
        re.compile(
            r"The connection to the IMAP server (?P<address>\S+) was lost during the sync "
            r"\(it will be resumed next time\)\."
        ),
        lambda m: QCoreApplication.translate(
            "ErrorText",
            "The connection to the IMAP server %1 was lost during the sync (it will be "
            "resumed next time).",
        ).replace("%1", m["address"]),
    ),
    (
        re.compile(
            r"The IMAP server (?P<address>\S+) answered with an error: (?P<words>.*)", re.DOTALL
        ),
        lambda m: (
            QCoreApplication.translate("ErrorText", "The IMAP server %1 answered with an error: %2")
            .replace("%1", m["address"])
            .replace("%2", m["words"])
        ),
    ),
    (
        re.compile(rf"The connection to the {_WHERE} was lost: (?P<detail>.*)\.", re.DOTALL),
        _network("lost"),
    ),
    (
        re.compile(rf"Cannot reach the {_WHERE}: (?P<detail>.*)\.", re.DOTALL),
        _network("unreachable"),
    ),
    (re.compile(rf"TLS with the {_WHERE} failed: (?P<detail>.*)\.", re.DOTALL), _network("tls")),
    (
        re.compile(
            rf"The {_WHERE} presented a certificate that is not trusted \((?P<detail>.*)\)\. "
            r"Use --cafile with the server's CA, or trust its fingerprint after checking it\.",
            re.DOTALL,
        ),
        _network("untrusted"),
    ),
    (
        re.compile(
            r"Unknown host: (?P<host>\S+) \(the (?P<what>IMAP server|SMTP server) name could "
            r"not be found\)\."
        ),
        lambda m: _tr(_HOST[m["what"]]).replace("%1", m["host"]),
    ),
    (
        re.compile(
            r"The IMAP server refused the login for (?P<login>.*): wrong user name or "
            r"password \(with two-factor sign-in use an app password\)\.",
            re.DOTALL,
        ),
        lambda m: QCoreApplication.translate(
            "ErrorText",
            "The IMAP server refused the login for %1: wrong user name or password (with "
            "two-factor sign-in use an app password).",
        ).replace("%1", m["login"]),
    ),
    (
        re.compile(
            r"The SMTP server refused the login for (?P<login>\S+): (?P<words>.*)\. "
            r"Check the user name and password\.",
            re.DOTALL,
        ),
        lambda m: (
            QCoreApplication.translate(
                "ErrorText",
                "The SMTP server refused the login for %1: %2. Check the user name and password.",
            )
            .replace("%1", m["login"])
            .replace("%2", m["words"])
        ),
    ),
    (
        re.compile(
            r"The server's certificate has changed since you trusted it \(now (?P<seen>\S+)\)\. "
            r"Check with your mail provider before trusting it again\."
        ),
        lambda m: QCoreApplication.translate(
            "ErrorText",
            "The server's certificate has changed since you trusted it (now %1). Check with "
            "your mail provider before trusting it again.",
        ).replace("%1", m["seen"]),
    ),
    (
        re.compile(r"The Microsoft sign-in is no longer valid; sign in again\."),
        lambda _m: QCoreApplication.translate(
            "ErrorText", "The Microsoft sign-in is no longer valid; sign in again."
        ),
    ),
    (
        re.compile(r"Google refused Holub's refreshed sign-in for this mailbox; sign in again\."),
        lambda _m: QCoreApplication.translate(
            "ErrorText", "Google refused Holub's refreshed sign-in for this mailbox; sign in again."
        ),
    ),
    (
        re.compile(r"Microsoft Graph refused the refreshed sign-in; sign in again\."),
        lambda _m: QCoreApplication.translate(
            "ErrorText", "Microsoft Graph refused the refreshed sign-in; sign in again."
        ),
    ),
]


def error_text(message: str) -> str:
    """A core failure's sentence in the current language (unknown ones unchanged)."""
    return say_again(message, _ERRORS)
