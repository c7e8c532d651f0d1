"""The Drafts view: a saved draft is found again, opened once, and discarded on request."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from desktop.models.mail import Draft
from desktop.ui.compose import ComposeWindow, DraftsView
from desktop.ui.folder_tree import Node


def _save_draft(qtbot, subject: str) -> int:
    win = ComposeWindow.new(None)
    qtbot.addWidget(win)
    win.to_edit.setText("eva@example.cz")
    win.subject_edit.setText(subject)
    draft_id = win.save_draft()
    win.close()
    return draft_id


def test_drafts_node_lists_opens_and_discards(qtbot, window, monkeypatch):
    draft_id = _save_draft(qtbot, "Nabídka na letáky")
    qtbot.waitUntil(lambda: window.folder_model.drafts == 1)
    drafts_index = window.folder_model.node_index("drafts")
    assert drafts_index.data() == "Drafts (1)"

    window.open_node(Node("drafts"))
    view = window.crm_page_holder.currentWidget()
    assert isinstance(view, DraftsView)
    assert view.row_ids() == [draft_id]
    assert view.table.item(0, 2).text() == "Nabídka na letáky"
    assert not view.open_button.isEnabled()  # nothing chosen yet

    view.select_id(draft_id)
    view.open_button.click()
    [compose] = [w for w in window._compose_windows if w.draft_id == draft_id]
    qtbot.addWidget(compose)
    assert compose.isVisible()
    assert compose.subject_edit.text() == "Nabídka na letáky"
    assert compose.to_edit.text() == "eva@example.cz"
    view.open_button.click()  # the open window is raised, not a second one opened
    assert [w.draft_id for w in window._compose_windows].count(draft_id) == 1

    # Edits made in the compose window show in the list once saved.
    compose.subject_edit.setText("Nabídka na plakáty")
    compose.save_draft()
    assert view.table.item(0, 2).text() == "Nabídka na plakáty"
    compose.close()

    asked: list[str] = []

    def answer(no_or_yes):
        def question(_parent, _title, text, *_args, **_kw):
            asked.append(text)
            return no_or_yes

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    view.discard_button.click()
    assert Draft.get_or_none(Draft.id == draft_id) is not None  # "No" keeps it
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    view.discard_button.click()
    assert "Nabídka na plakáty" in asked[-1]
    assert Draft.get_or_none(Draft.id == draft_id) is None
    assert view.row_ids() == [] and view.empty_label.isVisibleTo(view)
    qtbot.waitUntil(lambda: window.folder_model.drafts == 0)
    assert window.folder_model.node_index("drafts").data() == "Drafts"


def test_closing_a_compose_window_keeps_the_draft_listed(qtbot, profile):
    view = DraftsView()
    qtbot.addWidget(view)
    assert view.row_ids() == []
    draft_id = _save_draft(qtbot, "")
    assert view.row_ids() == [draft_id]
    assert view.table.item(0, 2).text() == "(no subject)"
