"""Plain-text view and the rendered header block (pure: no Qt, no store)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

# http(s) URLs, www. hosts and e-mail addresses in plain text become links.
_LINK = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]}])"
    r"|(?P<mail>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
    re.I,
)


def _link(href: str, text: str) -> str:
    h = html.escape(href, quote=True)
    return f'<a href="{h}" title="{h}" rel="noopener noreferrer">{html.escape(text)}</a>'


def linkify(text: str) -> str:
    """Escape ``text`` for HTML, turning URLs and addresses into links (title = target)."""
    out: list[str] = []
    pos = 0
    for m in _LINK.finditer(text):
        out.append(html.escape(text[pos : m.start()], quote=False))
        if m.group("url"):
            url = m.group("url")
            out.append(_link(url if url.lower().startswith("http") else "https://" + url, url))
        else:
            out.append(_link("mailto:" + m.group("mail"), m.group("mail")))
        pos = m.end()
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def text_to_html(text: str) -> str:
    """The plain-text body as HTML: escaped, linkified, quoted lines marked."""
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.lstrip().startswith(">"):
            lines.append(f'<span class="holub-quote">{linkify(line)}</span>')
        else:
            lines.append(linkify(line))
    return '<div class="holub-plain">' + "\n".join(lines) + "</div>"


# Bidirectional overrides and isolates let a display name reorder what follows it
# ("evil\u202egro.knab" shows as "bank.org"): headers never need them.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def strip_bidi(text: str) -> str:
    return text.translate(_BIDI_CONTROLS)


def format_address(name: str, addr: str) -> str:
    name, addr = strip_bidi(name), strip_bidi(addr)
    if name and addr and name != addr:
        return f"{name} <{addr}>"
    return addr or name


def format_addresses(pairs: Sequence[Sequence[str]]) -> str:
    return ", ".join(format_address(p[0], p[1]) for p in pairs if len(p) >= 2)


# How a caller writes a (naive UTC) date: the window passes its locale's one format
# (desktop/ui/dates.date_time); without it (the CLI's ``show``) the plain local time.
DateFormat = Callable[[datetime], str]


def format_date(when: datetime | None, date_format: DateFormat | None = None) -> str:
    """A stored (naive UTC) date in the local time zone, in ``date_format`` if given."""
    if when is None:
        return ""
    if date_format is not None:
        return date_format(when)
    return when.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def header_rows(
    *,
    from_: tuple[str, str],
    to: Sequence[Sequence[str]],
    cc: Sequence[Sequence[str]],
    date: datetime | None,
    subject: str,
    labels: dict[str, str] | None = None,
    date_format: DateFormat | None = None,
) -> list[tuple[str, str]]:
    """(label, value) pairs in display order; empty To/Cc are left out."""
    lab = {"from": "From", "to": "To", "cc": "Cc", "date": "Date", "subject": "Subject"}
    lab.update(labels or {})
    rows = [(lab["from"], format_address(*from_))]
    if to:
        rows.append((lab["to"], format_addresses(to)))
    if cc:
        rows.append((lab["cc"], format_addresses(cc)))
    rows.append((lab["date"], format_date(date, date_format)))
    rows.append((lab["subject"], strip_bidi(subject)))
    return rows


def headers_html(rows: Sequence[tuple[str, str]]) -> str:
    body = "".join(
        f'<tr><th scope="row">{html.escape(k)}</th><td>{html.escape(v)}</td></tr>' for k, v in rows
    )
    return f'<table id="holub-headers">{body}</table>'


def headers_text(rows: Sequence[tuple[str, str]]) -> str:
    return "".join(f"{k}: {v}\n" for k, v in rows)
