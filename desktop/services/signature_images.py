"""Signature pictures: stored once per mailbox, at the size the recipient sees.

The signature HTML never carries picture bytes. ``store_signature_html`` takes the HTML
the editor (or ``account set --signature-file``) produced, where a picture is a
``data:`` URL, a file path relative to the HTML file, or an already stored
``holub-sig:<digest>``; it scales each picture to its display size (the ``width`` /
``height`` chosen in the editor), re-encodes it, stores it in ``SignatureImage`` keyed by
the SHA-256 of the stored bytes, and returns the HTML with ``src="holub-sig:<digest>"``.
Sending (desktop/sync/compose.py) turns those references into inline MIME parts.

Pillow does the decoding and scaling, so this module stays free of Qt (the CLI and the
GUI store signatures the same way).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from desktop.errors import InvalidInput
from desktop.models.db import database
from desktop.models.mail import SignatureImage

SIG_SCHEME = "holub-sig"
# A picture bigger than this (as a file) is refused before it is even decoded.
MAX_SOURCE_BYTES = 25 * 1024 * 1024
# A decoded picture with more pixels than this is refused (decompression bombs).
MAX_SOURCE_PIXELS = 40_000_000
# Display sizes beyond this make no sense in a signature; larger requests are cut down.
MAX_WIDTH = 800
MAX_HEIGHT = 600
# Without a chosen size, a picture is shown (and sent) at most this wide.
DEFAULT_MAX_WIDTH = 400

_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r"""([a-zA-Z_:][-\w:.]*)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_STYLE_SIZE = re.compile(r"(?<![-\w])(width|height)\s*:\s*(\d+(?:\.\d+)?)px", re.I)
_DATA_URL = re.compile(r"^data:(image/[\w.+-]+)?(;[^,]*)?,(.*)$", re.I | re.S)
_REF = re.compile(rf"^{SIG_SCHEME}:([0-9a-f]{{64}})$")


@dataclass(frozen=True)
class ImageTag:
    """One ``<img>`` of an HTML text: where it is, its attributes (in order)."""

    start: int
    end: int
    attrs: list[tuple[str, str]]

    def get(self, name: str) -> str:
        for key, value in self.attrs:
            if key.lower() == name:
                return value
        return ""


def image_tags(html: str) -> list[ImageTag]:
    """Every ``<img>`` tag of ``html`` with its attributes (entity-decoded ``&amp;`` only)."""
    tags = []
    for match in _IMG.finditer(html):
        inner = match.group(0)[4:].rstrip(">").rstrip("/")
        attrs = []
        for name, raw in _ATTR.findall(inner):
            value = raw[1:-1] if raw[:1] in ("'", '"') else raw
            attrs.append((name, value.replace("&amp;", "&")))
        tags.append(ImageTag(match.start(), match.end(), attrs))
    return tags


def render_tag(attrs: list[tuple[str, str]]) -> str:
    def esc(value: str) -> str:
        return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")

    return "<img " + " ".join(f'{k}="{esc(v)}"' for k, v in attrs) + " />"


def sig_ref(digest: str) -> str:
    return f"{SIG_SCHEME}:{digest}"


def ref_digest(src: str) -> str | None:
    """The digest of a ``holub-sig:`` reference, else None."""
    match = _REF.match(src.strip())
    return match.group(1) if match else None


def decode_data_url(src: str) -> bytes | None:
    """The bytes of a base64 (or percent-encoded) ``data:image/…`` URL, else None."""
    match = _DATA_URL.match(src.strip())
    if not match:
        return None
    params, payload = match.group(2) or "", match.group(3)
    try:
        if ";base64" in params.lower():
            return base64.b64decode("".join(payload.split()), validate=True)
        return unquote(payload).encode("latin-1")
    except (binascii.Error, ValueError, UnicodeEncodeError) as exc:
        raise InvalidInput("A picture in the signature is damaged (a bad data: URL).") from exc


# --- scaling ------------------------------------------------------------------------------


def _size_of(tag: ImageTag) -> tuple[int | None, int | None]:
    """The display size the HTML asks for: width/height attributes, else CSS pixels."""
    sizes: dict[str, int | None] = {"width": None, "height": None}
    for name in sizes:
        value = tag.get(name).strip().removesuffix("px")
        if value.isdigit() and int(value) > 0:
            sizes[name] = int(value)
    for name, value in _STYLE_SIZE.findall(tag.get("style")):
        if sizes[name.lower()] is None and float(value) >= 1:
            sizes[name.lower()] = round(float(value))
    return sizes["width"], sizes["height"]


def display_size(
    natural: tuple[int, int], width: int | None, height: int | None
) -> tuple[int, int]:
    """The size to send: the one asked for (aspect kept when one side is given), never
    larger than MAX_WIDTH × MAX_HEIGHT; without a request, at most DEFAULT_MAX_WIDTH."""
    nw, nh = natural
    if width and height:
        w, h = width, height
    elif width:
        w, h = width, max(1, round(nh * width / nw))
    elif height:
        w, h = max(1, round(nw * height / nh)), height
    else:
        w, h = nw, nh
        if w > DEFAULT_MAX_WIDTH:
            w, h = DEFAULT_MAX_WIDTH, max(1, round(nh * DEFAULT_MAX_WIDTH / nw))
    factor = min(1.0, MAX_WIDTH / w, MAX_HEIGHT / h)
    if factor < 1.0:
        w, h = max(1, round(w * factor)), max(1, round(h * factor))
    return w, h


@dataclass(frozen=True)
class PreparedImage:
    data: bytes
    content_type: str
    width: int
    height: int

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def prepare_image(
    data: bytes, width: int | None = None, height: int | None = None
) -> PreparedImage:
    """Decode a picture and re-encode it at its display size (PNG, or JPEG for photos).

    A picture already at its display size in PNG, JPEG or GIF is kept byte for byte, so
    storing a stored picture again gives the same digest.
    """
    # Imported here: sending and start-up import this module, only storing decodes.
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_SOURCE_BYTES:
        raise InvalidInput(
            f"The picture is larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MB; "
            "use a smaller file."
        )
    try:
        image = Image.open(io.BytesIO(data))
        natural = image.size
        if natural[0] * natural[1] > MAX_SOURCE_PIXELS:
            raise InvalidInput("The picture has too many pixels for a signature.")
        fmt = (image.format or "").upper()
        w, h = display_size(natural, width, height)
        if (w, h) == natural and fmt in ("PNG", "JPEG", "GIF") and len(data) <= 1024 * 1024:
            return PreparedImage(data, f"image/{fmt.lower()}", w, h)
        image.seek(0)  # the first frame of an animation
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise InvalidInput("Not a picture Holub can read (use PNG, JPEG or GIF).") from exc
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    if (w, h) != natural:
        image = image.resize((w, h), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if fmt == "JPEG" and not has_alpha:
        # A photo stays a photo: JPEG is a fraction of the PNG's size.
        image.save(out, "JPEG", quality=88, optimize=True)
        return PreparedImage(out.getvalue(), "image/jpeg", w, h)
    image.save(out, "PNG", optimize=True)
    return PreparedImage(out.getvalue(), "image/png", w, h)


# --- the store ------------------------------------------------------------------------------


def store_image(mailbox_id: int, prepared: PreparedImage) -> SignatureImage:
    """The mailbox's stored copy of ``prepared`` (inserted once, by content hash)."""
    digest = prepared.digest
    with database.atomic():
        row = SignatureImage.get_or_none(
            (SignatureImage.mailbox == mailbox_id) & (SignatureImage.digest == digest)
        )
        if row is None:
            row = SignatureImage.create(
                mailbox=mailbox_id,
                digest=digest,
                content_type=prepared.content_type,
                width=prepared.width,
                height=prepared.height,
                data=prepared.data,
            )
    return row


def find_image(digest: str, mailbox_id: int | None = None) -> SignatureImage | None:
    """A stored picture by digest: the mailbox's own first, else any mailbox's (the same
    bytes, e.g. a signature copied from another mailbox)."""
    query = SignatureImage.select().where(SignatureImage.digest == digest)
    if mailbox_id is not None:
        own = query.where(SignatureImage.mailbox == mailbox_id).first()
        if own is not None:
            return own
    return query.first()


def _source_bytes(src: str, mailbox_id: int, base_dir: Path | None) -> bytes:
    digest = ref_digest(src)
    if digest is not None:
        row = find_image(digest, mailbox_id)
        if row is None:
            raise InvalidInput("A picture of the signature is no longer stored; insert it again.")
        return bytes(row.data)
    data = decode_data_url(src)
    if data is not None:
        return data
    scheme = re.match(r"^([a-zA-Z][\w+.-]*):", src)
    if scheme and scheme.group(1).lower() == "file":
        src, scheme = unquote(src[5:].removeprefix("//")), None
    if scheme and len(scheme.group(1)) > 1:  # "C:" is a Windows drive, not a scheme
        raise InvalidInput(
            f"The signature picture {src[:80]} is not a file: pictures must be embedded "
            "(recipients' mail programs block remote pictures)."
        )
    if base_dir is None:
        raise InvalidInput(f"The signature picture {src[:80]} is not embedded.")
    path = (base_dir / unquote(src)).expanduser()
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise InvalidInput(f"The picture {path} is larger than 25 MB.")
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read the picture {path}: {exc.strerror or exc}.") from exc


def store_signature_html(mailbox_id: int, html: str, base_dir: Path | str | None = None) -> str:
    """Store the signature's pictures; return the HTML referring to them by digest.

    ``base_dir`` resolves relative picture paths (``account set --signature-file``).
    Raises InvalidInput for a picture that cannot be read or is remote.
    """
    base = Path(base_dir) if base_dir is not None else None
    out: list[str] = []
    last = 0
    for tag in image_tags(html):
        src = tag.get("src").strip()
        if not src:
            out.append(html[last : tag.start])
            last = tag.end  # an <img> without a picture is dropped
            continue
        width, height = _size_of(tag)
        prepared = prepare_image(_source_bytes(src, mailbox_id, base), width, height)
        row = store_image(mailbox_id, prepared)
        attrs = [(k, v) for k, v in tag.attrs if k.lower() not in ("src", "width", "height")]
        style = _STYLE_SIZE.sub("", tag.get("style")).strip(" ;")
        attrs = [(k, style if k.lower() == "style" else v) for k, v in attrs]
        attrs = [(k, v) for k, v in attrs if not (k.lower() == "style" and not v)]
        attrs = [
            ("src", sig_ref(row.digest)),
            ("width", str(row.width)),
            ("height", str(row.height)),
            *attrs,
        ]
        out.append(html[last : tag.start] + render_tag(attrs))
        last = tag.end
    out.append(html[last:])
    return "".join(out)


def prune_images(mailbox_id: int) -> int:
    """Forget the mailbox's pictures that neither its signature nor a draft refers to."""
    from desktop.models.mail import Draft, Mailbox

    mailbox = Mailbox.get_or_none(Mailbox.id == mailbox_id)
    if mailbox is None:
        return 0
    used = set(re.findall(rf"{SIG_SCHEME}:([0-9a-f]{{64}})", mailbox.signature_html or ""))
    removed = 0
    for row in SignatureImage.select(SignatureImage.id, SignatureImage.digest).where(
        SignatureImage.mailbox == mailbox_id
    ):
        if row.digest in used:
            continue
        if Draft.select().where(Draft.html.contains(row.digest)).exists():
            continue
        removed += SignatureImage.delete().where(SignatureImage.id == row.id).execute()
    return removed


_BODY = re.compile(r"<body\b[^>]*>(.*)</body\s*>", re.I | re.S)
_UNWANTED = re.compile(
    r"<(script|style|head|title|iframe|object|embed)\b.*?</\1\s*>|<(meta|link|base)\b[^>]*>",
    re.I | re.S,
)


def signature_from_file(mailbox_id: int, path: Path | str) -> str:
    """``account set --signature-file``: an HTML file (a fragment or a whole page) whose
    pictures are ``data:`` URLs or paths relative to the file, stored like the editor's."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"The signature file {path} is not UTF-8 text.") from exc
    except OSError as exc:
        raise InvalidInput(
            f"Cannot read the signature file {path}: {exc.strerror or exc}."
        ) from exc
    match = _BODY.search(text)
    fragment = _UNWANTED.sub("", match.group(1) if match else text).strip()
    return store_signature_html(mailbox_id, fragment, path.parent)
