"""An empty list says why it is empty (a folder, a search, "Deleted in Holub") instead
of showing a blank pane, in the language the user switched to."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from desktop.models.mail import Folder
from desktop.ui.folder_tree import Node


def _painted_text(view) -> bool:
    """Whether anything but the background is drawn in the list's viewport."""
    view.viewport().repaint()
    image: QImage = view.viewport().grab().toImage()
    background = QColor(image.pixel(2, 2))
    return any(
        QColor(image.pixel(x, y)) != background
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
    )


def test_empty_folder_search_and_deleted_views_say_so(window, filled, qtbot):
    from desktop.ui import i18n

    mailbox, inbox = filled[1], filled[2]
    view = window.list_view
    sent = Folder.get((Folder.mailbox == mailbox.id) & (Folder.role == "sent"))
    window.select_folder(sent.id)
    assert window.list_model.rowCount() == 0
    assert view.empty_text == "No messages in this folder."
    assert _painted_text(view)

    window.open_node(Node("deleted"))
    qtbot.waitUntil(lambda: "Restore" in view.empty_text)
    assert "server keeps it" in view.empty_text

    window.search_box.setText("nothing-like-this-anywhere")
    window.run_search()
    assert window.list_model.rowCount() == 0
    assert view.empty_text == "No messages match the search."

    # A list with rows paints them, not the text.
    window.select_folder(inbox.id)
    assert window.list_model.rowCount() > 0

    window.select_folder(sent.id)
    try:
        i18n.install(QApplication.instance(), "cs")
        qtbot.waitUntil(lambda: view.empty_text == "V této složce nejsou žádné zprávy.")
    finally:
        i18n.install(QApplication.instance(), "en")
    qtbot.waitUntil(lambda: view.empty_text == "No messages in this folder.")
