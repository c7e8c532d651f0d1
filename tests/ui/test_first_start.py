"""First start: no mailbox → welcome page; the Add mailbox dialog verifies in a worker thread."""

from __future__ import annotations

from pathlib import Path

from desktop.models.mail import Mailbox
from desktop.ui.account_dialog import AccountDialog
from desktop.ui.main_window import MainWindow


def test_welcome_page_without_mailboxes(qtbot, profile):
    win = MainWindow(profile.root)
    qtbot.addWidget(win)
    win.show()
    assert win.pages.currentWidget() is win.welcome
    assert win.welcome.add_button.text() == "Add mailbox…"
    assert win.welcome.demo_button.text() == "Open the demo"
    win.welcome.add_button.click()
    dialog = win.account_dialog
    assert (dialog.isVisible() and not dialog.isModal()) or dialog.isVisible()
    dialog.email.setText("petra@example.org")
    assert dialog.imap_host.text() == "imap.example.org"
    assert dialog.smtp_host.text() == "smtp.example.org"
    dialog.reject()


def test_add_mailbox_reports_the_servers_words(qtbot, profile, dovecot, dovecot_user):
    # A real Dovecot with a self-signed certificate: Save must fail in plain words,
    # off the GUI thread, and create nothing.
    dialog = AccountDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.email.setText(dovecot_user.email)
    dialog.imap_host.setText(dovecot.host)
    dialog.imap_port.setValue(dovecot.imaps_port)
    dialog.smtp_host.setText("127.0.0.1")
    dialog.username.setText(dovecot_user.name)
    dialog.password.setText(dovecot_user.password)
    dialog.save()
    assert not dialog.buttons.isEnabled()  # working in the background
    qtbot.waitUntil(dialog.buttons.isEnabled, timeout=20_000)
    text = dialog.status.text()
    assert "certificate" in text.lower(), text
    assert dialog.isVisible()
    assert Mailbox.select().count() == 0


def test_add_mailbox_against_real_servers(
    qtbot, profile, tmp_path, dovecot, dovecot_user, smtp_server
):
    # Dovecot (IMAP) and aiosmtpd (SMTP) with their own CAs: one bundle trusts both.
    bundle = tmp_path / "ca.pem"
    bundle.write_text(
        Path(dovecot.cafile).read_text() + "\n" + Path(smtp_server.cafile).read_text()
    )
    smtp_server.user, smtp_server.password = dovecot_user.name, dovecot_user.password
    win = MainWindow(profile.root)
    qtbot.addWidget(win)
    win.show()
    assert win.pages.currentWidget() is win.welcome
    win.add_mailbox()
    dialog = win.account_dialog
    dialog.email.setText(dovecot_user.email)
    dialog.name.setText("Test server")
    dialog.imap_host.setText(dovecot.host)
    dialog.imap_port.setValue(dovecot.imaps_port)
    dialog.smtp_host.setText(smtp_server.host)
    dialog.smtp_port.setValue(smtp_server.port)
    dialog.username.setText(dovecot_user.name)
    dialog.password.setText(dovecot_user.password)
    dialog.cafile.setText(str(bundle))
    with qtbot.waitSignal(dialog.mailboxAdded, timeout=30_000):
        dialog.save()
    assert (dovecot_user.name, True) in smtp_server.logins
    assert win.pages.currentIndex() == 1
    names = [win.folder_model.item(r).text() for r in range(win.folder_model.rowCount())]
    assert "Test server" in names
    mailbox = Mailbox.get(Mailbox.name == "Test server")
    assert mailbox.show_snippet and mailbox.cafile == str(bundle)
