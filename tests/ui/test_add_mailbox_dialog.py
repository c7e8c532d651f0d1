"""pytest-qt: the Add mailbox dialog's width, its import date (the locale's format, the
7-day limit explained, earlier days disabled), the server presets and the RFC 6186
look-up (off the GUI thread, against a local DNS stand-in), the CA file's Browse
button, and an error that leaves the help texts in place (issue 7)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QLabel

from desktop import presets
from desktop.models.mail import KIND_IMAP
from desktop.ui.account_dialog import AccountDialog, app_password_hint  # noqa: F401
from tests.servers.dns_server import DnsServer


@pytest.fixture
def dns_server():
    server = DnsServer().start()
    yield server
    server.stop()


@pytest.fixture
def dialog(qtbot, profile):
    dialog = AccountDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_wide_enough_for_its_texts(dialog):
    assert dialog.width() >= 560
    for label in dialog.findChildren(QLabel):
        if label.isVisible() and label.text() and not label.wordWrap():
            assert label.width() >= label.sizeHint().width(), label.text()


def test_opens_tall_enough_for_its_wrapped_help_lines(dialog):
    # Before anything is typed: the two-factor hint's second line is not cut off.
    hint = next(
        label for label in dialog.servers.findChildren(QLabel) if "two-factor" in label.text()
    )
    assert hint.height() >= hint.heightForWidth(hint.width())
    assert hint.mapTo(dialog.servers, hint.rect().bottomLeft()).y() <= dialog.servers.height()


def test_import_date_in_the_locales_format_with_the_limit(dialog):
    today = date.today()
    earliest = today - timedelta(days=7)
    q_earliest = QDate(earliest.year, earliest.month, earliest.day)
    assert dialog.import_from.displayFormat() == QLocale().dateFormat(
        QLocale.FormatType.ShortFormat
    )
    assert dialog.import_from.minimumDate() == q_earliest
    assert dialog.import_from.date() == q_earliest
    dialog.import_from.setDate(q_earliest.addDays(-3))  # earlier days cannot be chosen
    assert dialog.import_from.date() == q_earliest
    hint = dialog.import_hint
    assert hint.isVisible() and "7 days" in hint.text()
    assert QLocale().toString(q_earliest, QLocale.FormatType.ShortFormat) in hint.text()


def test_presets_fill_the_servers(dialog, qtbot):
    dialog.email.setText("jana@seznam.cz")
    assert (dialog.imap_host.text(), dialog.imap_port.value()) == ("imap.seznam.cz", 993)
    assert (dialog.smtp_host.text(), dialog.smtp_port.value()) == ("smtp.seznam.cz", 465)
    assert dialog.server_hint.isVisible()
    assert dialog.server_hint.text() == "Server settings for Seznam filled in."
    dialog.email.setText("jana@gmail.com")
    assert dialog.imap_host.text() == "imap.gmail.com" and dialog.smtp_port.value() == 587
    assert "Google" in dialog.server_hint.text()  # the sign-in type is offered
    # What the user typed is theirs.
    dialog.imap_host.clear()
    qtbot.keyClicks(dialog.imap_host, "mail.moje.cz")
    dialog.email.setText("jana@icloud.com")
    assert dialog.imap_host.text() == "mail.moje.cz"
    assert dialog.smtp_host.text() == "smtp.mail.me.com"


def test_other_domains_are_looked_up_in_dns(dialog, qtbot, dns_server):
    dns_server.records = {
        "_imaps._tcp.firma.cz": [(0, 0, 993, "posta.firma.cz")],
        "_submissions._tcp.firma.cz": [(0, 0, 465, "odchozi.firma.cz")],
    }
    dialog.resolver = presets.dns_resolver([(dns_server.host, dns_server.port)], timeout=2)
    dialog.email.setFocus()
    qtbot.keyClicks(dialog.email, "jana@firma.cz")
    assert dialog.imap_host.text() == "imap.firma.cz"  # the usual names until DNS answers
    assert dns_server.queries == []  # nothing asked while typing
    qtbot.keyClick(dialog.email, Qt.Key.Key_Tab)  # the address is typed: ask
    assert dialog.looking_up
    qtbot.waitUntil(lambda: not dialog.looking_up, timeout=5000)
    assert (dialog.imap_host.text(), dialog.imap_port.value()) == ("posta.firma.cz", 993)
    assert (dialog.smtp_host.text(), dialog.smtp_port.value()) == ("odchozi.firma.cz", 465)
    assert "DNS" in dialog.server_hint.text()

    dialog.email.setText("jana@jinde.cz")
    dialog.look_up_servers()
    qtbot.waitUntil(lambda: not dialog.looking_up, timeout=5000)
    assert dialog.imap_host.text() == "imap.jinde.cz"
    assert dialog.server_hint.text().startswith("No server settings published")


def test_a_late_dns_answer_for_an_old_address_is_dropped(dialog, qtbot, dns_server):
    dns_server.records = {
        "_imaps._tcp.firma.cz": [(0, 0, 993, "posta.firma.cz")],
        "_submission._tcp.firma.cz": [(0, 0, 587, "smtp.firma.cz")],
    }
    dialog.resolver = presets.dns_resolver([(dns_server.host, dns_server.port)], timeout=2)
    dialog.email.setText("jana@firma.cz")
    dialog.look_up_servers()
    dialog.email.setText("jana@seznam.cz")  # changed before the answer
    qtbot.waitUntil(lambda: len(dns_server.queries) == 2, timeout=5000)
    qtbot.wait(100)
    assert dialog.imap_host.text() == "imap.seznam.cz"


def test_cafile_browse(dialog, tmp_path):
    pem = tmp_path / "ca.pem"
    pem.write_text("-----BEGIN CERTIFICATE-----\n")
    dialog.cafile_button.click()
    chooser = dialog.cafile_dialog
    assert chooser.isVisible()
    chooser.fileSelected.emit(str(pem))
    assert dialog.cafile.text() == str(pem)
    chooser.reject()


def test_an_error_never_hides_the_help_texts(qtbot, profile):
    def refuse(_fields, _password):
        raise RuntimeError(
            "The IMAP server refused the login: [AUTHENTICATIONFAILED] Authentication "
            "failed. Check the login and the password; with two-factor authentication "
            "use an app password."
        )

    dialog = AccountDialog(save_fn=refuse)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.current_kind() == KIND_IMAP
    dialog.email.setText("jana@seznam.cz")
    dialog.password.setText("x")
    helps = [dialog.import_hint, dialog.server_hint]
    helps += [
        label
        for label in dialog.servers.findChildren(QLabel)
        if "two-factor" in label.text() and label is not dialog.status
    ]
    assert all(h.isVisible() for h in helps) and len(helps) == 3
    dialog.save()
    qtbot.waitUntil(lambda: "AUTHENTICATIONFAILED" in dialog.status.text(), timeout=5000)
    qtbot.wait(0)
    assert all(h.isVisible() and h.text() for h in helps)
    for widget in (*helps, dialog.status):
        # Laid out in full: as tall as its wrapped text needs, inside the dialog.
        assert widget.height() >= widget.heightForWidth(widget.width())
        bottom = widget.mapTo(dialog, widget.rect().bottomLeft()).y()
        assert bottom <= dialog.height()
