"""Mailbox settings (R3, R11): the service and `account show|set|password` on a real store.

Pairing runs through the real import path (store_batch → pair_new_messages); the
password change logs in to the real Dovecot + aiosmtpd before anything is saved.
"""

from __future__ import annotations

import json

import pytest

from desktop import accounts, secrets
from desktop.crm import service
from desktop.errors import AuthenticationError, InvalidInput
from desktop.models.mail import Folder, Mailbox
from tests.integration.test_account_cli import add_account, add_args, assert_one_line_error, run_cli
from tests.integration.test_account_cli import smtp as smtp
from tests.integration.test_crm_service import crm as crm
from tests.integration.test_crm_service import filings, make_mailbox, put, raw


def test_pairing_off_then_repair_removes_auto_keeps_manual(crm) -> None:
    inbox, _ = make_mailbox(True, False)
    auto, manual = put(inbox, raw("jan@acme.cz"), raw("nobody@nowhere.cz"))
    service.file_message(manual.id, "company", crm["beta"])
    assert filings(auto) == {("company", crm["acme"], "auto")}

    result = accounts.update_mailbox_settings(
        inbox.mailbox_id, pairing_enabled=False, signals_enabled=False
    )
    assert result.changed == ["pairing_enabled"]  # signals were off already
    assert result.repaired is not None and auto.id in result.repaired.updated
    assert filings(auto) == set()
    assert filings(manual) == {("company", crm["beta"], "manual")}

    # Back on: the rules file it again; the manual filing is still alone and manual.
    accounts.update_mailbox_settings(inbox.mailbox_id, pairing_enabled=True)
    assert filings(auto) == {("company", crm["acme"], "auto")}
    assert filings(manual) == {("company", crm["beta"], "manual")}


def test_excluded_domain_stops_pairing(crm) -> None:
    inbox, _ = make_mailbox(True, False)
    (m,) = put(inbox, raw("Jan <jan@acme.cz>"))
    assert filings(m) == {("company", crm["acme"], "auto")}
    result = accounts.update_mailbox_settings(
        inbox.mailbox_id, pairing_exclusions="ACME.cz\nsomeone@Else.cz, @acme.cz"
    )
    assert result.changed == ["pairing_exclusions"]
    assert Mailbox.get_by_id(inbox.mailbox_id).pairing_exclusions == "@acme.cz\nsomeone@else.cz"
    assert filings(m) == set()
    # New mail from the excluded domain is not paired either (a fresh Folder, as a sync
    # loads it, so that its mailbox carries the new setting).
    (m2,) = put(Folder.get_by_id(inbox.id), raw("office@acme.cz"))
    assert filings(m2) == set()


def test_validation_and_shares(profile) -> None:
    inbox, _ = make_mailbox(True, True)
    mid = inbox.mailbox_id
    for bad in (
        {"name": "  "},
        {"pairing_exclusions": "not a domain!"},
        {"shares": {"kolega": "read"}},
        {"shares": {"a@b.cz": "admin"}},
        {"notify": "yes"},
        {"password": "x"},
    ):
        with pytest.raises(InvalidInput):
            accounts.update_mailbox_settings(mid, **bad)
    assert Mailbox.get_by_id(mid).name == "Work"
    result = accounts.update_mailbox_settings(
        mid, name="Office", shares={"Petr@Firma.cz": "read", "eva@firma.cz": "read_write"}
    )
    assert result.changed == ["name", "shares"] and result.repaired is None
    assert accounts.mailbox_shares(mid) == {"eva@firma.cz": "read_write", "petr@firma.cz": "read"}
    assert accounts.update_mailbox_settings(mid, name="Office").changed == []


def test_cli_show_and_set(crm, profile) -> None:
    inbox, _ = make_mailbox(True, False)
    (m,) = put(inbox, raw("jan@acme.cz"))
    root = profile.root
    sig = root.parent / "sig.html"
    sig.write_text("<b>Jana</b> Nováková", encoding="utf-8")
    done = run_cli(
        root,
        "account",
        "set",
        str(inbox.mailbox_id),
        "--sender-name",
        "Jana",
        "--snippet",
        "off",
        "--exclude",
        "acme.cz",
        "--exclude",
        "x@y.cz",
        "--signature-file",
        str(sig),
        "--share",
        "petr@firma.cz=read",
        "--share",
        "eva@firma.cz=read_write",
    )
    assert done.returncode == 0, done.stderr
    assert "Re-paired" in done.stdout
    assert filings(m) == set()
    shown = run_cli(root, "account", "show", str(inbox.mailbox_id), "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["sender_name"] == "Jana" and data["snippet"] is False
    assert data["exclusions"] == ["@acme.cz", "x@y.cz"]
    assert data["signature_html"] == "<b>Jana</b> Nováková"
    assert data["shares"] == {"eva@firma.cz": "read_write", "petr@firma.cz": "read"}

    done = run_cli(
        root,
        "account",
        "set",
        str(inbox.mailbox_id),
        "--unexclude",
        "@acme.cz",
        "--unshare",
        "petr@firma.cz",
    )
    assert done.returncode == 0, done.stderr
    assert filings(m) == {("company", crm["acme"], "auto")}
    text = run_cli(root, "account", "show", str(inbox.mailbox_id)).stdout
    assert "exclusions: x@y.cz" in text and "shares: eva@firma.cz (read_write)" in text

    assert_one_line_error(run_cli(root, "account", "set", str(inbox.mailbox_id)), "nothing")
    assert_one_line_error(
        run_cli(root, "account", "set", str(inbox.mailbox_id), "--name", " "), "name"
    )
    assert_one_line_error(
        run_cli(root, "account", "set", str(inbox.mailbox_id), "--share", "a@b.cz=admin"), "level"
    )
    assert_one_line_error(run_cli(root, "account", "show", "99"), "no account")
    assert run_cli(root, "account", "set", "1", "--pairing", "maybe").returncode == 2


def test_change_password_verifies_first(dovecot, smtp, tmp_path) -> None:
    user = dovecot.new_user()
    smtp.user, smtp.password = user.name, user.password
    root = tmp_path / "p"
    args = add_args(dovecot, smtp, user, "--cafile", str(dovecot.cafile))
    assert run_cli(root, *args, password=user.password).returncode == 0

    wrong = run_cli(root, "account", "password", "1", "--password-stdin", password="nope")
    assert_one_line_error(wrong, "password")
    shown = run_cli(root, "account", "show", "1")
    assert user.password not in shown.stdout and "password" not in shown.stdout.lower()
    ok = run_cli(root, "account", "password", "1", "--password-stdin", password=user.password)
    assert ok.returncode == 0, ok.stderr
    assert run_cli(root, "account", "verify", "1").returncode == 0


def test_change_password_service_keeps_old_on_refusal(dovecot, smtp, profile) -> None:
    mb, user = add_account(dovecot, smtp)
    with pytest.raises(AuthenticationError):
        accounts.change_password(mb.id, "wrong", smtp_port=smtp.port)
    assert secrets.get_secret(secrets.MAILBOX_PASSWORD, mb.id) == user.password
    with pytest.raises(InvalidInput):
        accounts.change_password(mb.id, user.password, imap_port=70000)
    assert accounts.change_password(mb.id, user.password, imap_host=dovecot.host).id == mb.id
