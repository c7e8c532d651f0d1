"""Attachment names: the name on disk decides Open, from an allow-list; shown names are clean."""

from __future__ import annotations

import pytest

from desktop.render.attachments import MAX_NAME, can_open, display_name, final_name


def test_a_long_name_keeps_the_extension_it_is_opened_by() -> None:
    name = "a" * 146 + ".exe.pdf"
    disk = final_name(name)
    assert len(disk) <= MAX_NAME and disk.endswith(".pdf") and ".exe" not in disk
    assert can_open(disk)

    hidden = "b" * 148 + ".pdf.exe"
    disk = final_name(hidden)
    assert disk.endswith(".exe") and not can_open(disk)


@pytest.mark.parametrize(
    ("name", "disk"),
    [
        ("..\\..\\Windows\\evil.pdf", "evil.pdf"),
        ("../../evil name?.pdf", "evil name_.pdf"),
        ("report.pdf.", "report.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("CON.txt", "_CON.txt"),
        ("", "attachment"),
        ("\u200b", "attachment"),
    ],
)
def test_final_names(name: str, disk: str) -> None:
    assert final_name(name) == disk


@pytest.mark.parametrize(
    "name",
    ["a.pdf", "b.DOCX", "c.jpg", "d.mp3", "e.mp4", "f.zip", "g.odt", "h.csv"],
)
def test_documents_media_and_archives_may_be_opened(name: str) -> None:
    assert can_open(final_name(name))


@pytest.mark.parametrize(
    "name",
    [
        "setup.exe",
        "run.desktop",
        "x.sh",
        "page.html",
        "image.svg",
        "macro.docm",
        "noext",
        "script.py",
        "link.url",
        "disk.iso",
        "doc.pdf .exe",
        "a.pdf\\..\\b.jar",
    ],
)
def test_everything_else_is_save_only(name: str) -> None:
    assert not can_open(final_name(name))


def test_shown_names_lose_bidi_overrides_and_controls() -> None:
    assert display_name("invoice\u202efdp.exe") == "invoicefdp.exe"
    assert display_name("a\u2066b\u2069\u200d.pdf") == "ab.pdf"
    assert display_name("x\r\ny.pdf") == "x y.pdf"
    assert display_name("<b>big</b>.pdf") == "<b>big</b>.pdf"  # shown as text, not markup
