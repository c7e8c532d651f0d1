"""Attachment names: what is written to disk, what may be opened, what is shown.

The decision to offer "Open" is made on the name actually written (final_name), never on
the name the mail gives: cutting a long name or turning ``\\`` into ``/`` can change the
extension ("a"*146 + ".exe.pdf" must not become "aaa….exe"). Open is allowed only for an
allow-list of types a desktop hands to a viewer (documents, images, audio, video,
archives, which archive managers show rather than run); everything else is Save only.
Names shown to the user lose bidirectional overrides and other invisible format
characters, so "invoice<RLO>fdp.exe" shows as what it is. Qt-free.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

MAX_NAME = 150  # characters of a name written to disk, extension included
_MAX_SUFFIX = 16  # a longer "extension" is not one worth keeping whole

_DOCUMENTS = "pdf txt text rtf odt ods odp odg doc docx xls xlsx ppt pptx csv tsv md epub"
_IMAGES = "png jpg jpeg gif webp bmp tif tiff heic heif avif"
_AUDIO = "mp3 wav ogg oga flac m4a aac opus wma"
_VIDEO = "mp4 m4v mov avi mkv webm ogv mpg mpeg wmv"
_ARCHIVES = "zip 7z rar tar gz tgz bz2 xz zst"
OPENABLE_EXTENSIONS = frozenset(f"{_DOCUMENTS} {_IMAGES} {_AUDIO} {_VIDEO} {_ARCHIVES}".split())

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")
# Names Windows reserves for devices, with any extension.
_RESERVED = re.compile(r"(?i)^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$")


def _visible(text: str) -> str:
    """Without format characters (bidi overrides and isolates, zero-width joiners, …)
    and with control characters as spaces."""
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cf":
            continue
        out.append(" " if category == "Cc" else ch)
    return "".join(out)


def display_name(name: str) -> str:
    """The name as shown in the reader (to be set as plain text, never rich text)."""
    return " ".join(_visible(name or "").split())


def final_name(name: str) -> str:
    """The name written to disk: no directories, no odd or invisible characters, at most
    MAX_NAME characters with the extension kept whole."""
    base = PurePosixPath(_visible(name or "").replace("\\", "/")).name
    base = _UNSAFE.sub("_", base).strip(" .")
    if len(base) > MAX_NAME:
        dot = base.rfind(".")
        suffix = base[dot:] if dot > 0 and len(base) - dot <= _MAX_SUFFIX else ""
        base = (base[: MAX_NAME - len(suffix)].rstrip(" .") or "attachment") + suffix
    if _RESERVED.match(base):
        base = "_" + base
    return base or "attachment"


def extension(name: str) -> str:
    return PurePosixPath(name.lower()).suffix.lstrip(".")


def can_open(disk_name: str) -> bool:
    """Whether "Open" may hand the file written as ``disk_name`` to the desktop."""
    return extension(disk_name) in OPENABLE_EXTENSIONS
