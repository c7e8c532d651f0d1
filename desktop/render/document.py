"""The one HTML document the reader loads and `holub show --html` prints.

A header block (From/To/Cc/Date/Subject) and the body: the sanitised HTML,
the plain text escaped and linkified, or — when the message could not be
read — its raw source with a notice. The reader leaves the header block out
(``headers=False``) and shows the headers as its own widgets, where mail CSS
cannot reach them; `holub show --html` keeps it. The head carries a Content-Security-Policy
(the third wall behind the sanitiser and the request interceptor) and turns
DNS prefetching off.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from desktop.render import text as textmod
from desktop.render.message import ReaderMessage
from desktop.render.sanitize import CID_SCHEME, sanitize
from desktop.sync.mime import decode_bytes, html_to_text

MODES = ("html", "text", "raw")

_CSS = """
html, body { display: block !important; visibility: visible !important; opacity: 1 !important;
  filter: none !important; transform: none !important; }
body { font-family: sans-serif; font-size: 14px; margin: 0; padding: 0; }
#holub-headers { display: table !important; visibility: visible !important;
  position: static !important; opacity: 1 !important; transform: none !important;
  color: #222 !important; background: #fff !important; font-size: 13px !important;
  border-collapse: collapse; margin: 8px; }
#holub-headers th { text-align: right; color: #666 !important; font-weight: normal;
  padding: 1px 8px 1px 0; vertical-align: top; white-space: nowrap; }
#holub-headers td { padding: 1px 0; color: #222 !important; }
#holub-notice { display: block !important; visibility: visible !important; margin: 8px;
  padding: 6px 10px; background: #fff4ce !important; color: #222 !important;
  border: 1px solid #e0c36c; }
/* The mail's content is painted inside its own box only: nothing it does (fixed or
   absolute positioning, negative margins) can cover the real headers above. Mail CSS
   can name this box only as "#holub-body" (html/body become it), so these rules are
   written more specific than that: the mail's !important cannot win over them. */
body > div#holub-body { display: block !important; position: relative !important;
  contain: paint !important; overflow: hidden !important; margin: 8px; overflow-wrap: anywhere;
  inset: auto !important; transform: none !important; z-index: auto !important; }
.holub-plain { white-space: pre-wrap; }
.holub-raw { white-space: pre-wrap; font-family: monospace; }
.holub-quote { color: #555; }
"""


@dataclass
class RenderedDocument:
    html: str
    mode: str
    remote_urls: list[str] = field(default_factory=list)  # blocked (or loaded) network URLs
    notice: str = ""


def csp(allow_remote: bool) -> str:
    """No script anywhere; network images and fonts only after consent.

    ``style-src`` never has a network source: an external stylesheet could not be
    sanitised or scoped, so it is not loaded, before or after consent.
    """
    net = " https: http:" if allow_remote else ""
    return (
        f"default-src 'none'; script-src 'none'; object-src 'none'; frame-src 'none'; "
        f"form-action 'none'; base-uri 'none'; style-src 'unsafe-inline'; "
        f"img-src {CID_SCHEME}: data:{net}; font-src {CID_SCHEME}: data:{net}; "
        f"media-src 'none'; connect-src 'none'"
    )


def header_rows(
    message: ReaderMessage,
    labels: dict[str, str] | None = None,
    date_format: textmod.DateFormat | None = None,
) -> list[tuple[str, str]]:
    """(label, value) rows of the header block, bidi controls stripped."""
    return textmod.header_rows(
        from_=(message.from_name, message.from_addr),
        to=message.to,
        cc=message.cc,
        date=message.date,
        subject=message.subject,
        labels=labels,
        date_format=date_format,
    )


def render_document(
    message: ReaderMessage,
    *,
    mode: str = "html",
    allow_remote: bool = False,
    labels: dict[str, str] | None = None,
    notices: dict[str, str] | None = None,
    headers: bool = True,
) -> RenderedDocument:
    """Build the reader's document. ``labels``/``notices`` carry translated words;
    ``headers=False`` leaves the header block out (the reader shows its own)."""
    words = {
        "unreadable": "This message could not be read; its raw source is shown.",
        "partly": "Parts of this message could not be read.",
        "nothing": "This message has no content stored.",
    }
    words.update(notices or {})
    rows = header_rows(message, labels)
    remote: list[str] = []
    notice = ""
    if mode == "html" and not message.html.strip():
        mode = "text"
    if mode == "text" and message.is_empty:
        mode = "raw"
    if mode == "html":
        clean = sanitize(message.html, message_key=message.id, allow_remote=allow_remote)
        body = clean.html
        remote = clean.remote_urls
    elif mode == "text":
        body = textmod.text_to_html(message.text or html_to_text(message.html))
    else:
        source = decode_bytes(message.raw, None) if message.raw else ""
        body = f'<div class="holub-raw">{html.escape(source)}</div>'
    if mode == "raw" and message.is_empty:
        notice = words["unreadable"] if message.raw else words["nothing"]
    elif message.parse_error:
        notice = words["partly"]
    notice_html = f'<div id="holub-notice">{html.escape(notice)}</div>' if notice else ""
    doc = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        '<meta http-equiv="x-dns-prefetch-control" content="off">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp(allow_remote)}">'
        f"<title>{html.escape(textmod.strip_bidi(message.subject))}</title><style>{_CSS}</style></head>"
        f"<body>{textmod.headers_html(rows) if headers else ''}{notice_html}"
        f'<div id="holub-body">{body}</div></body></html>\n'
    )
    return RenderedDocument(html=doc, mode=mode, remote_urls=remote, notice=notice)
