"""pytest-qt: the Add mailbox dialog's sign-in as a coroutine on the qasync loop, against
the HTTPS stand-ins for Google and Microsoft (tests/servers) and the fake browser: the
real google-auth-oauthlib and msal do the talking, in the loop's thread pool; Cancel
ends the task, and the provider's loopback listener is closed with it."""

from __future__ import annotations

import socket
import sys
import webbrowser
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from desktop.models.mail import KIND_GMAIL, KIND_GRAPH, Mailbox
from desktop.sync import oauth_microsoft
from desktop.ui import aio
from desktop.ui.account_dialog import AccountDialog
from tests.servers.google import browser_command, google_server  # noqa: F401  (the fixture)
from tests.servers.microsoft import (  # noqa: F401  (microsoft_ca, microsoft_server: fixtures)
    microsoft_ca,
    microsoft_server,
    write_fake_browser,
)


def _browser(monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    monkeypatch.setenv("BROWSER", command)
    # webbrowser reads $BROWSER once per process, on first use; start it over.
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})


def _dialog(qtbot, kind: str) -> AccountDialog:
    dialog = AccountDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    return dialog


def _closed(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return True
    return False


def test_google_sign_in_and_save(qtbot, profile, google, monkeypatch) -> None:
    _browser(monkeypatch, browser_command())
    dialog = _dialog(qtbot, KIND_GMAIL)
    dialog.sign_in_button.click()
    assert dialog.cancel_sign_in_button.isVisible()  # the GUI thread did not wait
    qtbot.waitUntil(lambda: dialog.signed_in is not None, timeout=20_000)
    assert google.state.email in dialog.signed_in_label.text()
    with qtbot.waitSignal(dialog.mailboxAdded, timeout=20_000) as added:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert Mailbox.get_by_id(added.args[0]).email == google.state.email
    assert aio.running_jobs() == 0


def test_cancel_ends_the_task_and_closes_the_listener(qtbot, profile, microsoft, monkeypatch):
    _browser(monkeypatch, "true %s")  # a browser that never comes back
    ports: list[int] = []

    class Receiver(oauth_microsoft._Receiver):
        def get_auth_response(self, **kwargs):  # msal is waiting for the browser now
            ports.append(self.get_port())
            return super().get_auth_response(**kwargs)

    monkeypatch.setattr(oauth_microsoft, "_Receiver", Receiver)
    dialog = _dialog(qtbot, KIND_GRAPH)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: bool(ports), timeout=20_000)
    assert not _closed(ports[0])  # listening for the browser's answer
    dialog.cancel_sign_in_button.click()
    assert "cancelled" in dialog.status.text() and dialog.sign_in_button.isEnabled()
    # The blocking msal call has returned and its port is closed: nothing left behind.
    qtbot.waitUntil(lambda: aio.running_jobs() == 0, timeout=5_000)
    assert _closed(ports[0])
    assert dialog.signed_in is None and Mailbox.select().count() == 0


def test_admin_consent_is_explained(qtbot, profile, microsoft, tmp_path: Path, monkeypatch):
    _browser(monkeypatch, str(write_fake_browser(tmp_path, sys.executable)))
    microsoft.state.consent = "admin"
    dialog = _dialog(qtbot, KIND_GRAPH)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: "Admin consent requests" in dialog.status.text(), timeout=20_000)
    assert microsoft.state.client_id in dialog.status.text()
    assert dialog.sign_in_button.isEnabled() and dialog.signed_in is None
