"""Keep secrets out of logs, including other libraries' debug lines (`holub -v`).

urllib3 logs every request line at DEBUG ("POST /api/v1/login?otp=123456 HTTP/1.1"),
and a library may log a header or a token. The filter rewrites such records before any
handler sees them. It sits on the loggers that emit, not on handlers, so it holds
whatever handlers the CLI or the GUI's log file install later.
"""

from __future__ import annotations

import logging
import re

# Query or form parameters that carry a secret: the value up to the next separator.
_PARAM = re.compile(
    r"(?i)\b(otp|password|passwd|pass|secret|client_secret|token|access_token|"
    r"refresh_token|id_token|code|api_key|apikey)=([^&\s\"';,]+)"
)
_AUTH_HEADER = re.compile(r"(?i)\b((?:proxy-)?authorization)(['\"]?\s*[:=]\s*['\"]?)[^\r\n'\",}]+")
_SCHEME = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}")

# Loggers whose records can carry request lines or headers.
LOGGERS = (
    "urllib3",
    "urllib3.connectionpool",
    "urllib3.connection",
    "urllib3.util.retry",
    "requests",
    "requests_oauthlib",
    "oauthlib",
    "msal",
    "desktop",
)


def redact(text: str) -> str:
    text = _PARAM.sub(lambda m: f"{m.group(1)}=***", text)
    text = _AUTH_HEADER.sub(lambda m: f"{m.group(1)}{m.group(2)}***", text)
    return _SCHEME.sub(lambda m: f"{m.group(1)} ***", text)


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's business
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_FILTER = RedactSecrets()


def install() -> None:
    """Idempotent: add the filter to every logger in LOGGERS."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
