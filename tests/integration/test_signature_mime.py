"""Pictures in sent mail: inline parts in multipart/related, referred to by cid:."""

from __future__ import annotations

import datetime as dt
import io
import re
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from PIL import Image

from desktop import accounts
from desktop.models.mail import Folder, Mailbox
from desktop.sync import compose
from desktop.sync.store import FetchedMessage, store_batch
from tests.integration.test_signature_store import data_url, picture


@pytest.fixture
def box(profile) -> Mailbox:
    box = Mailbox.create(
        name="Práce", email="jana@firma.cz", sender_name="Jana", import_from=dt.date.today()
    )
    logo = data_url(picture((600, 200)))
    accounts.update_mailbox_settings(
        box.id,
        signature_html=(
            '<p><b>Jana Nováková</b><br><a href="https://firma.cz">Firma s.r.o.</a></p>'
            f'<p align="center"><img src="{logo}" width="150" height="50" alt="Firma"></p>'
        ),
    )
    return Mailbox.get_by_id(box.id)


def parsed(msg: EmailMessage) -> EmailMessage:
    return message_from_bytes(compose.serialise(msg), policy=policy.default)


def shape(part) -> object:
    if part.is_multipart():
        return {part.get_content_type(): [shape(p) for p in part.get_payload()]}
    return part.get_content_type()


def test_signature_picture_is_one_inline_part_referred_by_cid(box):
    sig = compose.signature_html(box, reply=False)
    msg = parsed(compose.build_message(box, to="a@b.cz", html=f"<p>Ahoj</p>{sig}<p>again</p>{sig}"))
    assert shape(msg) == {
        "multipart/alternative": [
            "text/plain",
            {"multipart/related": ["text/html", "image/png"]},
        ]
    }
    related = msg.get_payload()[1]
    html_part, image = related.get_payload()
    html = html_part.get_content()
    cid = image["Content-ID"].strip("<>")
    assert html.count(f'src="cid:{cid}"') == 2 and cid.endswith("@firma.cz")
    assert "data:" not in html and "holub-sig:" not in html
    assert image.get_content_disposition() == "inline"
    assert Image.open(io.BytesIO(image.get_content())).size == (150, 50)
    plain = msg.get_payload()[0].get_content()
    assert "Jana Nováková" in plain and "Firma s.r.o. <https://firma.cz>" in plain
    assert "MIME-Version" not in related


def test_no_picture_means_no_related_layer_and_attachments_wrap_all(box, tmp_path):
    Mailbox.update(signature_html="<p>Jana</p>").where(Mailbox.id == box.id).execute()
    box = Mailbox.get_by_id(box.id)
    msg = parsed(compose.build_message(box, to="a@b.cz", html="<p>Hi</p>", add_signature=True))
    assert shape(msg) == {"multipart/alternative": ["text/plain", "text/html"]}
    # A pasted picture (a data: URL in the editor) and an attachment.
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    pasted = data_url(picture((20, 10)))
    msg = parsed(
        compose.build_message(
            box, to="a@b.cz", html=f'<p><img src="{pasted}"></p>', attachments=[tmp_path / "a.pdf"]
        )
    )
    assert shape(msg) == {
        "multipart/mixed": [
            {
                "multipart/alternative": [
                    "text/plain",
                    {"multipart/related": ["text/html", "image/png"]},
                ]
            },
            "application/pdf",
        ]
    }
    assert "data:" not in compose.serialise(msg).decode()


def _store_received_with_logo(box: Mailbox) -> int:
    original = EmailMessage()
    original["From"] = "Petr <petr@zakaznik.cz>"
    original["To"] = "jana@firma.cz"
    original["Subject"] = "Poptávka"
    original["Date"] = "Mon, 30 Nov 2026 09:00:00 +0100"
    original["Message-ID"] = "<orig@zakaznik.cz>"
    original.set_content("Dobrý den")
    original.add_alternative('<p>Dobrý den</p><img src="cid:their-logo@zakaznik.cz">', "html")
    their_logo = picture((30, 30), colour=(0, 128, 0))
    original.get_payload()[1].add_related(
        their_logo, "image", "png", cid="<their-logo@zakaznik.cz>"
    )
    inbox = Folder.create(mailbox=box, remote_name="INBOX", role="inbox")
    [message_id] = store_batch(
        inbox, [FetchedMessage(remote_id="1", uid=1, raw=original.as_bytes())]
    ).added
    return message_id


@pytest.mark.parametrize("in_replies", [True, False])
def test_reply_keeps_quoted_pictures_inline_and_signature_as_set(box, in_replies):
    Mailbox.update(signature_in_replies=in_replies).where(Mailbox.id == box.id).execute()
    message_id = _store_received_with_logo(box)
    draft = compose.reply_draft(message_id)
    assert f"holub-part:{message_id}/their-logo@zakaznik.cz" in draft.html
    msg = parsed(
        compose.build_message(
            Mailbox.get_by_id(box.id),
            to=draft.to,
            html=draft.html,
            in_reply_to=draft.in_reply_to,
            references=draft.references,
        )
    )
    related = msg.get_payload()[1]
    images = [p for p in related.get_payload() if p.get_content_maintype() == "image"]
    sizes = sorted(Image.open(io.BytesIO(p.get_content())).size for p in images)
    assert sizes == ([(30, 30), (150, 50)] if in_replies else [(30, 30)])
    html = related.get_payload()[0].get_content()
    for image in images:
        assert f"cid:{image['Content-ID'].strip('<>')}" in html
    # The signature sits above the quote.
    if in_replies:
        assert html.index("Jana Nováková") < html.index("Dobrý den")
    else:
        assert "Jana Nováková" not in html
    assert not re.search(r"holub-(sig|part):", html)


def test_forward_keeps_the_originals_inline_pictures(box):
    message_id = _store_received_with_logo(box)
    draft = compose.forward_draft(message_id)
    msg = parsed(compose.build_message(box, to="x@y.cz", html=draft.html))
    related = msg.get_payload()[1]
    assert [p.get_content_type() for p in related.get_payload()] == [
        "text/html",
        "image/png",
        "image/png",
    ]
