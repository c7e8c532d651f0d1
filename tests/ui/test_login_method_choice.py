"""pytest-qt: the IMAP/SMTP login method choice (R4) in the add-mailbox and settings dialogs,
saved only after logging in with it to the real Dovecot + aiosmtpd."""

from __future__ import annotations

from desktop.models.mail import Mailbox
from desktop.ui.account_dialog import AccountDialog
from desktop.ui.mailbox_settings import MailboxSettingsDialog
from tests.integration.test_account_cli import add_account
from tests.integration.test_account_cli import smtp as smtp


def choose(combo, method: str) -> None:
    combo.setCurrentIndex(combo.findData(method))


def test_add_dialog_saves_the_chosen_methods(qtbot, profile, dovecot, smtp) -> None:
    user = dovecot.new_user()
    smtp.user, smtp.password = user.name, user.password
    smtp.clear()
    dialog = AccountDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.imap_auth.currentData() == "plain"  # the R4 default
    assert dialog.smtp_auth.currentData() == "plain"
    assert [dialog.imap_auth.itemText(i) for i in range(2)] == ["Plain", "Login"]
    dialog.email.setText(user.email)
    dialog.imap_host.setText(dovecot.host)
    dialog.imap_port.setValue(dovecot.imaps_port)
    dialog.smtp_host.setText(smtp.host)
    dialog.smtp_port.setValue(smtp.port)
    dialog.username.setText(user.name)
    dialog.password.setText(user.password)
    dialog.cafile.setText(str(dovecot.cafile))
    choose(dialog.imap_auth, "login")
    choose(dialog.smtp_auth, "login")
    with qtbot.waitSignal(dialog.mailboxAdded, timeout=30_000) as added:
        dialog.save()
    mailbox = Mailbox.get_by_id(added.args[0])
    assert (mailbox.imap_auth, mailbox.smtp_auth) == ("login", "login")
    assert smtp.mechanisms == ["LOGIN"]


def test_settings_dialog_changes_the_methods_after_a_login(qtbot, profile, dovecot, smtp) -> None:
    mb, _user = add_account(dovecot, smtp)
    smtp.clear()
    dialog = MailboxSettingsDialog(mb.id)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.imap_auth.currentData() == "plain"
    assert dialog.connection_changes() == {}
    choose(dialog.imap_auth, "login")
    choose(dialog.smtp_auth, "login")
    assert dialog.connection_changes() == {"imap_auth": "login", "smtp_auth": "login"}
    with qtbot.waitSignal(dialog.changed, timeout=15_000):
        dialog.save()  # no password typed: the stored one checks the new methods
    mailbox = Mailbox.get_by_id(mb.id)
    assert (mailbox.imap_auth, mailbox.smtp_auth) == ("login", "login")
    assert smtp.mechanisms == ["LOGIN"]
    reopened = MailboxSettingsDialog(mb.id)
    qtbot.addWidget(reopened)
    assert reopened.smtp_auth.currentData() == "login"
