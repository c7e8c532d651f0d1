"""Outbox + Sent folder on a real Dovecot: append once, never resend what is in Sent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.models.mail import Mailbox, Outbox
from desktop.secrets import MAILBOX_PASSWORD, set_secret
from desktop.sync import compose, outbox
from desktop.sync.outbox import SENDING
from tests.integration.test_send import kill_send_at_smtp_greeting


@pytest.fixture
def box(profile, smtp_server, dovecot, dovecot_user, tmp_path) -> Mailbox:
    # One login for both servers, one CA bundle trusting both test CAs.
    smtp_server.user, smtp_server.password = dovecot_user.name, dovecot_user.password
    bundle = tmp_path / "cas.pem"
    bundle.write_text(Path(smtp_server.cafile).read_text() + Path(dovecot.cafile).read_text())
    mailbox = Mailbox.create(
        name="Práce",
        email=dovecot_user.email,
        username=dovecot_user.name,
        sender_name="Jana Nováková",
        import_from=dt.date.today(),
        imap_host=dovecot.host,
        imap_port=dovecot.imaps_port,
        imap_security="ssl",
        smtp_host=smtp_server.host,
        smtp_port=smtp_server.port,
        smtp_security="starttls",
        cafile=str(bundle),
    )
    set_secret(MAILBOX_PASSWORD, mailbox.id, dovecot_user.password)
    return mailbox


def sent_copies(dovecot, user, message_id: str) -> list[tuple[int, tuple]]:
    client = dovecot.client(user)
    try:
        client.select_folder("Sent", readonly=True)
        uids = client.search(["HEADER", "Message-ID", message_id])
        flags = client.get_flags(uids) if uids else {}
        return [(uid, flags[uid]) for uid in uids]
    finally:
        client.logout()


def _queue(box: Mailbox, subject: str = "Zpráva") -> Outbox:
    msg = compose.build_message(box, to="petr@example.cz", subject=subject, text="Dobrý den")
    return outbox.queue_message(box, msg)


def test_send_appends_to_sent_once_seen(box, smtp_server, dovecot, dovecot_user):
    row = _queue(box, "Do odeslaných")
    [done] = outbox.send_pending(box.id)
    assert (done.state, done.appended_to_sent, done.error) == ("sent", True, None)
    [(_uid, flags)] = sent_copies(dovecot, dovecot_user, row.message_id)
    assert b"\\Seen" in flags
    assert len(smtp_server.messages) == 1
    outbox.send_pending(box.id)  # nothing more to do
    assert len(sent_copies(dovecot, dovecot_user, row.message_id)) == 1


def test_server_that_files_sent_mail_itself_gets_no_second_copy(
    box, smtp_server, dovecot, dovecot_user
):
    # Like Gmail: the SMTP side puts the message into Sent as it accepts it.
    smtp_server.on_message = lambda got: dovecot.deliver(dovecot_user, [got.raw], "Sent")
    row = _queue(box)
    [done] = outbox.send_pending(box.id)
    assert done.state == "sent" and done.appended_to_sent
    assert len(sent_copies(dovecot, dovecot_user, row.message_id)) == 1


def test_crashed_sending_row_already_in_sent_is_not_resent(box, smtp_server, dovecot, dovecot_user):
    row = _queue(box)
    # The crashed run had claimed the row and the server had taken the message.
    Outbox.update(state=SENDING, attempts=1).where(Outbox.id == row.id).execute()
    dovecot.deliver(dovecot_user, [bytes(row.raw)], "Sent", flags=["\\Seen"])
    [done] = outbox.send_pending(box.id)
    assert (done.state, done.attempts, done.appended_to_sent) == ("sent", 1, True)
    assert smtp_server.messages == []  # not sent again
    assert len(sent_copies(dovecot, dovecot_user, row.message_id)) == 1


def test_crashed_sending_row_not_in_sent_is_sent_once(box, smtp_server, dovecot, dovecot_user):
    row = _queue(box)
    Outbox.update(state=SENDING, attempts=1).where(Outbox.id == row.id).execute()
    [done] = outbox.send_pending(box.id)
    assert (done.state, done.attempts) == ("sent", 2)
    assert len(smtp_server.messages) == 1
    assert len(sent_copies(dovecot, dovecot_user, row.message_id)) == 1


def test_failed_append_is_retried_once(box, smtp_server, dovecot, dovecot_user):
    import socket

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        dead_port = closed.getsockname()[1]
    Mailbox.update(imap_port=dead_port).where(Mailbox.id == box.id).execute()
    row = _queue(box)
    [done] = outbox.send_pending(box.id)
    assert done.state == "sent" and not done.appended_to_sent
    assert done.error.startswith("Sent, but not copied to the Sent folder yet: Connection refused")
    Mailbox.update(imap_port=dovecot.imaps_port).where(Mailbox.id == box.id).execute()
    [again] = outbox.send_pending(box.id)
    assert (again.state, again.appended_to_sent, again.error) == ("sent", True, None)
    assert len(smtp_server.messages) == 1
    assert len(sent_copies(dovecot, dovecot_user, row.message_id)) == 1


def test_sigkill_mid_send_then_checked_against_sent(
    profile, box, smtp_server, dovecot, dovecot_user, tmp_path
):
    """A `send` process killed while talking to SMTP; the next run checks Sent, sends once."""
    kill_send_at_smtp_greeting(profile.root, box, tmp_path, "Přerušená")
    [row] = Outbox.select()
    assert row.state == "sending"
    Mailbox.update(smtp_port=smtp_server.port).where(Mailbox.id == box.id).execute()
    [done] = outbox.send_pending(box.id)  # not in Sent → sent now, exactly once
    assert (done.state, done.attempts, done.appended_to_sent) == ("sent", 2, True)
    assert len(smtp_server.messages) == 1
    assert len(sent_copies(dovecot, dovecot_user, row.message_id)) == 1
    assert outbox.send_pending(box.id) == []


def test_connection_lost_after_data_is_not_resent_when_filed(
    box, smtp_server, dovecot, dovecot_user
):
    """The server took the message but the reply never came: Retry finds it in Sent."""
    smtp_server.on_message = lambda got: dovecot.deliver(dovecot_user, [got.raw], "Sent")
    smtp_server.drop_after_data = True
    row = _queue(box)
    [failed] = outbox.send_pending(box.id)
    assert failed.state == "failed"
    assert "it may have been sent" in failed.error
    outbox.retry(row.id)
    [done] = outbox.send_pending(box.id)
    assert (done.state, done.attempts) == ("sent", 1)
    assert len(smtp_server.messages) == 1
    assert len(sent_copies(dovecot, dovecot_user, row.message_id)) == 1
