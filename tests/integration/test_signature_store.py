"""Signature pictures in the store: scaled to the display size, once per content hash."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re

import pytest
from PIL import Image

from desktop import accounts
from desktop.errors import InvalidInput
from desktop.models.mail import Draft, Mailbox, SignatureImage
from desktop.services import signature_images as si


def picture(size=(1200, 400), fmt="PNG", colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, fmt)
    return out.getvalue()


def data_url(data: bytes, ctype="image/png") -> str:
    return f"data:{ctype};base64," + base64.b64encode(data).decode("ascii")


@pytest.fixture
def box(profile) -> Mailbox:
    return Mailbox.create(name="Práce", email="jana@firma.cz", import_from=dt.date.today())


def stored(html: str) -> list[str]:
    return re.findall(r"holub-sig:([0-9a-f]{64})", html)


def test_data_url_is_scaled_to_the_chosen_size_and_stored_once(box):
    url = data_url(picture(fmt="JPEG"), "image/jpeg")
    html = f'<p>Jana</p><img src="{url}" width="240" height="80"><img src="{url}" width="240">'
    out = si.store_signature_html(box.id, html)
    assert "data:" not in out
    digests = stored(out)
    assert len(digests) == 2 and digests[0] == digests[1]
    row = SignatureImage.get()
    assert (row.width, row.height, row.content_type) == (240, 80, "image/jpeg")
    assert Image.open(io.BytesIO(row.data)).size == (240, 80)
    assert 'width="240" height="80"' in out
    # Storing the stored signature again changes nothing (same bytes, same digest).
    assert si.store_signature_html(box.id, out) == out
    assert SignatureImage.select().count() == 1


def test_without_a_size_a_big_picture_is_cut_to_the_default_width(box):
    out = si.store_signature_html(box.id, f'<img src="{data_url(picture((3000, 1000)))}">')
    row = SignatureImage.get()
    assert (row.width, row.height) == (si.DEFAULT_MAX_WIDTH, 133)
    assert f'width="{si.DEFAULT_MAX_WIDTH}" height="133"' in out


def test_resizing_a_stored_picture_stores_the_new_size(box):
    out = si.store_signature_html(box.id, f'<img src="{data_url(picture())}" width="300">')
    bigger = out.replace('width="300" height="100"', 'width="150" height="50"')
    again = si.store_signature_html(box.id, bigger)
    assert stored(again) != stored(out)
    assert SignatureImage.get(SignatureImage.digest == stored(again)[0]).width == 150


def test_relative_file_paths_are_read_from_the_base_directory(box, tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "logo.png").write_bytes(picture((200, 50)))
    out = si.store_signature_html(box.id, '<img src="img/logo.png" alt="Firma">', tmp_path)
    assert 'alt="Firma"' in out and len(stored(out)) == 1
    assert SignatureImage.get().data == (tmp_path / "img" / "logo.png").read_bytes()


@pytest.mark.parametrize(
    "src, words",
    [
        ("https://firma.cz/logo.png", "not a file"),
        ("missing.png", "Cannot read"),
        ("data:image/png;base64,!!!", "damaged"),
        (data_url(b"not a picture"), "Not a picture"),
    ],
)
def test_bad_pictures_are_refused_clearly(box, tmp_path, src, words):
    with pytest.raises(InvalidInput, match=words):
        si.store_signature_html(box.id, f'<img src="{src}">', tmp_path)
    assert SignatureImage.select().count() == 0


def test_saving_settings_stores_pictures_and_forgets_unused_ones(box):
    accounts.update_mailbox_settings(
        box.id, signature_html=f'<img src="{data_url(picture())}" width="90">'
    )
    first = Mailbox.get_by_id(box.id).signature_html
    assert len(stored(first)) == 1 and "data:" not in first
    # A draft still shows the old logo: it survives the next change of signature.
    Draft.create(mailbox=box.id, html=first)
    accounts.update_mailbox_settings(
        box.id, signature_html=f'<img src="{data_url(picture(colour=(0, 0, 255)))}">'
    )
    assert SignatureImage.select().count() == 2
    Draft.delete().execute()
    accounts.update_mailbox_settings(box.id, signature_html="<p>Jana</p>")
    assert SignatureImage.select().count() == 0


def test_migration_adds_the_table_and_moves_old_data_url_pictures(tmp_path):
    from desktop.models import db

    path = tmp_path / "old.sqlite"
    db.open_store(path)
    logo = data_url(picture((1000, 100)))
    old = Mailbox.create(
        name="x", email="a@b.cz", import_from=dt.date.today(), signature_html=f'<img src="{logo}">'
    )
    broken = Mailbox.create(
        name="y",
        email="c@d.cz",
        import_from=dt.date.today(),
        signature_html='<img src="data:image/png;base64,AAAA">',
    )
    # The store as it was before signature pictures (whatever the migration's number).
    before = next(
        i for i, step in enumerate(db.MIGRATIONS) if step.__name__.endswith("_signature_images")
    )
    db.database.execute_sql("DROP TABLE signature_image")
    db.database.execute_sql(f"PRAGMA user_version = {before}")
    db.close_store()
    db.open_store(path)
    try:
        assert db.database.execute_sql("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
        html = Mailbox.get_by_id(old.id).signature_html
        assert "data:" not in html and len(stored(html)) == 1
        assert SignatureImage.get().width == si.DEFAULT_MAX_WIDTH
        # An unreadable picture is left alone (the store still opens).
        assert Mailbox.get_by_id(broken.id).signature_html.startswith('<img src="data:')
    finally:
        db.close_store()
