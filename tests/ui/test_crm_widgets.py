"""pytest-qt: signals accept/dismiss, manual filing, create from message, the e-mail tab."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QItemSelectionModel

from desktop.crm import local, service
from desktop.models.crm import Filing, Signal
from desktop.models.mail import Folder, Mailbox, Message
from desktop.sync.store import FetchedMessage, store_batch
from desktop.ui.crm import (
    CreateObjectDialog,
    CrmObjectView,
    FilePickerDialog,
    FilingChips,
    SignalsView,
)


@pytest.fixture
def data(profile):
    acme = local.add_company("Acme", "office@acme.cz")
    beta = local.add_company("Beta", "info@beta.cz")
    local.add_project("Web", acme, id=1234)
    local.add_task("Offer", 1234, None, id=88)
    mb = Mailbox.create(
        name="W",
        email="me@firma.cz",
        import_from=dt.date(2026, 1, 1),
        pairing_enabled=False,
        signals_enabled=True,
    )
    inbox = Folder.create(mailbox=mb, remote_name="INBOX")
    raws = [
        b"From: office@acme.cz\r\nSubject: A\r\nMessage-ID: <1@x>\r\n\r\nx\r\n",
        b"From: info@beta.cz\r\nSubject: B\r\nMessage-ID: <2@x>\r\n\r\nx\r\n",
        b"From: Karel <karel@nova.cz>\r\nSubject: Re: Nabidka\r\nMessage-ID: <3@x>\r\n\r\nx\r\n",
    ]
    changes = store_batch(inbox, [FetchedMessage(str(i), r, uid=i) for i, r in enumerate(raws, 1)])
    return {"acme": acme, "beta": beta, "messages": changes.added}


def select_rows(view, rows: list[int]) -> None:
    model = view.table.selectionModel()
    model.clearSelection()
    for r in rows:
        model.select(
            view.table.model().index(r, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_signals_accept_and_dismiss(qtbot, data) -> None:
    view = SignalsView()
    qtbot.addWidget(view)
    assert view.table.rowCount() == 2
    assert not view.accept_button.isEnabled()
    ids = view.signal_ids()
    acme_row = next(
        r for r, sid in enumerate(ids) if Signal.get_by_id(sid).object_id == data["acme"]
    )
    select_rows(view, [acme_row])
    with qtbot.waitSignal(view.changed) as blocker:
        view.accept_button.click()
    assert blocker.args[0].updated == [data["messages"][0]]
    assert Filing.get(Filing.message == data["messages"][0]).source == "signal"
    assert view.table.rowCount() == 1
    select_rows(view, [0])
    with qtbot.waitSignal(view.changed):
        view.dismiss_button.click()
    assert view.table.rowCount() == 0
    assert Signal.select().where(Signal.state == "dismissed").count() == 1


def test_signals_accept_many(qtbot, data) -> None:
    view = SignalsView()
    qtbot.addWidget(view)
    select_rows(view, [0, 1])
    with qtbot.waitSignal(view.changed) as blocker:
        view.accept_selected()
    assert sorted(blocker.args[0].updated) == sorted(data["messages"][:2])
    assert Filing.select().count() == 2


def test_picker_files_by_search(qtbot, data) -> None:
    mid = data["messages"][2]
    dialog = FilePickerDialog([mid])
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.keyClicks(dialog.search, "Offer")
    assert dialog.results.count() == 1  # only the task "Offer"
    dialog.search.setText("#1234")
    assert dialog.select("project", 1234)
    with qtbot.waitSignal(dialog.changed) as blocker:
        dialog.buttons.accepted.emit()
    assert blocker.args[0].updated == [mid]
    assert {(f.object_kind, f.object_id) for f in Filing.select()} == {("project", 1234)}
    assert not dialog.isVisible()


def test_picker_shows_the_error_and_changes_nothing(qtbot, data, monkeypatch) -> None:
    from desktop.errors import PermissionDenied

    def refuse(*_a, **_k):
        raise PermissionDenied("You have no right to see this company in the CRM.")

    monkeypatch.setattr(service, "_check_object", refuse)
    dialog = FilePickerDialog([data["messages"][2]])
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.search.setText("Beta")
    dialog.file_selected()
    qtbot.waitUntil(lambda: not dialog.busy())
    assert "no right" in dialog.error.text() and dialog.isVisible()
    assert Filing.select().count() == 0


def test_create_company_from_message(qtbot, data) -> None:
    mid = data["messages"][2]
    dialog = CreateObjectDialog("company", mid)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.name.text() == "Nova" and dialog.email.text() == "karel@nova.cz"
    dialog.name.setText("Nová s.r.o.")
    with qtbot.waitSignals([dialog.changed, dialog.created]) as _:
        dialog.buttons.accepted.emit()
    assert service.object_name("company", 3) == "Nová s.r.o."
    assert service.messages_for_object("company", 3) == [mid]


def test_create_task_prefilled_with_subject(qtbot, data) -> None:
    mid = data["messages"][2]
    dialog = CreateObjectDialog("task", mid)
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "Nabidka"
    dialog.project.setCurrentIndex(dialog.project.findData(1234))
    with qtbot.waitSignal(dialog.created) as blocker:
        dialog.create()
    kind, _tid = blocker.args
    assert kind == "task" and service.messages_for_object("project", 1234) == [mid]


def test_email_tab_lists_task_mail_under_project_and_company(qtbot, data) -> None:
    mid = data["messages"][2]
    service.file_message(mid, "task", 88)
    service.file_message(data["messages"][0], "company", data["acme"])
    company_view = CrmObjectView("company", data["acme"])
    qtbot.addWidget(company_view)
    assert sorted(company_view.message_ids()) == sorted([mid, data["messages"][0]])
    project_view = CrmObjectView("project", 1234)
    qtbot.addWidget(project_view)
    assert project_view.message_ids() == [mid]
    assert "E-mails (1)" in project_view.tabs.tabText(1)
    # Remove the company's own filing from its view.
    row = company_view.message_ids().index(data["messages"][0])
    company_view.emails.selectRow(row)
    with qtbot.waitSignal(company_view.changed):
        company_view.remove_selected()
    assert company_view.message_ids() == [mid]
    assert Message.get_by_id(mid).subject == "Re: Nabidka"


def test_filing_chips(qtbot, data) -> None:
    mid = data["messages"][2]
    service.file_message(mid, "project", 1234)
    chips = FilingChips()
    qtbot.addWidget(chips)
    chips.set_message(mid)
    assert [c.text() for c in chips.chips()] == ["Web ×"]
    with qtbot.waitSignal(chips.changed):
        chips.chips()[0].click()
    assert service.filings_for_messages([mid]) == {}


def test_object_view_edits_the_local_crm(qtbot, data) -> None:
    view = CrmObjectView("company", data["beta"])
    qtbot.addWidget(view)
    view.name_edit.setText("Beta a.s.")
    view.email_edit.setText("obchod@beta.cz")
    with qtbot.waitSignal(view.crmChanged):
        view.save()
    assert service.object_name("company", data["beta"]) == "Beta a.s."
    view.contact_name.setText("Eva")
    view.contact_email.setText("eva@beta.cz")
    with qtbot.waitSignal(view.crmChanged):
        view.add_contact()
    assert view.contacts.count() == 1
    view.email_edit.setText("not an address")
    view.save()
    assert "not an e-mail" in view.error.text()


def test_login_dialog_account_choice_and_pull(qtbot, profile, caflou) -> None:
    from desktop.models.crm import Company
    from desktop.ui.crm import CrmLoginDialog

    caflou.state.add(42, "companies", {"id": 1, "name": "Acme", "email": "a@acme.cz"})
    caflou.state.add_account(43, "Malá", "Mravenec")
    dialog = CrmLoginDialog(email="jana@firma.cz", url=caflou.url)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.password.setText("spatne")
    dialog.sign_in()
    qtbot.waitUntil(lambda: "refused" in dialog.status.text(), timeout=10_000)
    dialog.password.setText("heslo")
    dialog.sign_in()
    qtbot.waitUntil(lambda: dialog.account.count() == 2, timeout=10_000)
    dialog.account.setCurrentIndex(dialog.account.findData(43))
    dialog.sign_in()
    qtbot.waitUntil(lambda: "Delfín or Žralok" in dialog.status.text(), timeout=10_000)
    dialog.account.setCurrentIndex(dialog.account.findData(42))
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.sign_in()
    assert Company.get_by_id(1).name == "Acme"


def test_object_view_browses_a_kind_as_the_folder_tree_opens_it(qtbot, data) -> None:
    from PySide6.QtWidgets import QWidget

    holder = QWidget()
    qtbot.addWidget(holder)
    service.file_message(data["messages"][1], "company", data["beta"])
    view = CrmObjectView("company", holder)  # (kind, parent): the main window's call
    assert view.parent() is holder and view.objects.count() == 2
    view.search.setText("Beta")
    assert view.objects.count() == 1 and view.object_id == data["beta"]
    assert view.message_ids() == [data["messages"][1]]
    view.search.setText("")
    view.objects.setCurrentRow(0)  # Acme (sorted by name)
    assert view.object_id == data["acme"] and view.message_ids() == []
    with qtbot.waitSignal(view.crmChanged):
        view.delete()
    assert view.objects.count() == 1 and view.object_id == data["beta"]


def test_refresher_pulls_and_asks_for_login_when_credentials_fail(qtbot, profile, caflou) -> None:
    from desktop import secrets
    from desktop.crm import api
    from desktop.models.crm import Company
    from desktop.ui.crm import CrmRefresher

    account, _ = api.login(caflou.url, "jana@firma.cz", "heslo")
    caflou.state.add(42, "companies", {"id": 7, "name": "Nová", "email": "n@nova.cz"})
    refresher = CrmRefresher()
    with qtbot.waitSignal(refresher.done, timeout=10_000):
        assert refresher.refresh()
    refresher.wait()
    assert Company.get_by_id(7).name == "Nová"
    caflou.state.users["jana@firma.cz"]["password"] = "zmeneno"
    caflou.state.expire_tokens()
    with qtbot.waitSignals([refresher.needsLogin, refresher.failed], timeout=10_000):
        refresher.refresh()
    refresher.wait()
    assert secrets.get_secret(secrets.CRM_PASSWORD, account.id) == "heslo"


def _caflou_setup(caflou):
    """A connected Caflou account with two companies pulled, and one message to file."""
    from desktop.crm import api

    caflou.state.add(42, "companies", {"id": 7, "name": "Sedm", "email": "a@sedm.cz"})
    caflou.state.add(42, "companies", {"id": 8, "name": "Osm", "email": "b@osm.cz"})
    account, _ = api.login(caflou.url, "jana@firma.cz", "heslo")
    api.pull(account)
    mb = Mailbox.create(name="W", email="me@firma.cz", import_from=dt.date(2026, 1, 1))
    inbox = Folder.create(mailbox=mb, remote_name="INBOX")
    raw = b"From: x@y.cz\r\nSubject: S\r\nMessage-ID: <c1@x>\r\n\r\nx\r\n"
    return store_batch(inbox, [FetchedMessage("1", raw, uid=1)]).added[0]


def _record_threads(monkeypatch) -> list:
    """The real CRM check, noting the thread it runs on (it must never be the GUI's)."""
    import threading

    from desktop.crm import api

    threads: list = []
    real = api.CaflouClient.get_object

    def get_object(self, kind, object_id):
        threads.append(threading.current_thread())
        return real(self, kind, object_id)

    monkeypatch.setattr(api.CaflouClient, "get_object", get_object)
    return threads


def test_picker_asks_caflou_off_the_gui_thread(qtbot, profile, caflou, monkeypatch) -> None:
    import threading

    mid = _caflou_setup(caflou)
    threads = _record_threads(monkeypatch)
    dialog = FilePickerDialog([mid])
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.select("company", 7)
    with qtbot.waitSignal(dialog.changed, timeout=10_000) as blocker:
        dialog.file_selected()
        assert dialog.busy() and not dialog.buttons.isEnabled()  # returned at once
    assert blocker.args[0].updated == [mid]
    assert {(f.object_kind, f.object_id, f.source) for f in Filing.select()} == {
        ("company", 7, "manual")
    }
    assert threads and threading.main_thread() not in threads

    # The CRM refuses the object: the dialog says so and nothing changes locally.
    caflou.state.forbid("companies", 8)
    dialog = FilePickerDialog([mid])
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.select("company", 8)
    dialog.file_selected()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.text() and dialog.error.text() != "Filing…"
    assert dialog.buttons.isEnabled()
    assert Filing.select().count() == 1
    assert threading.main_thread() not in threads


def test_accepting_a_signal_asks_caflou_off_the_gui_thread(
    qtbot, profile, caflou, monkeypatch
) -> None:
    import threading

    mid = _caflou_setup(caflou)
    Signal.create(message=mid, object_kind="company", object_id=7, reason="test")
    threads = _record_threads(monkeypatch)
    view = SignalsView()
    qtbot.addWidget(view)
    select_rows(view, [0])
    with qtbot.waitSignal(view.changed, timeout=10_000):
        view.accept_selected()
    assert Filing.get(Filing.message == mid).source == "signal"
    assert threads and threading.main_thread() not in threads
