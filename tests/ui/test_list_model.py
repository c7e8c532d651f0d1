"""The list model holds ids, fetches them in keyset pages and loads row data in blocks."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QApplication

from desktop.models.db import database
from desktop.models.mail import Message
from desktop.ui import message_list as ml
from tests.ui.conftest import fill


def _bulk(folder, mailbox, n: int) -> None:
    # Plain rows straight into the table: paging needs many rows, not real mail.
    base = datetime(2026, 1, 1)
    rows = [
        {
            "mailbox": mailbox.id,
            "folder": folder.id,
            "remote_id": f"b{i}",
            "date": base + timedelta(minutes=i // 3),  # equal dates: the id breaks ties
            "subject": f"bulk {i}",
            "from_addr": f"s{i}@x.example",
        }
        for i in range(n)
    ]
    with database.atomic():
        for start in range(0, n, 500):
            Message.insert_many(rows[start : start + 500]).execute()


def test_paging_and_bounded_cache(profile, qtbot, monkeypatch):
    monkeypatch.setattr(ml, "PAGE_SIZE", 100)
    monkeypatch.setattr(ml, "CACHE_ROWS", 250)
    mailbox, inbox, _ids = fill(0)
    _bulk(inbox, mailbox, 1234)
    model = ml.MessageListModel()
    model.show_folder(inbox.id)
    assert model.rowCount() == 100
    assert model.canFetchMore()
    pages = 1
    while model.canFetchMore():
        with qtbot.waitSignal(model.rowsInserted):
            model.fetchMore()
        pages += 1
    assert model.rowCount() == 1234
    assert pages == 13
    # The keyset pages together are exactly the folder, newest first, no gaps or repeats.
    expected = [
        r[0]
        for r in database.execute_sql(
            "SELECT id FROM message WHERE folder_id = ? ORDER BY date DESC, id DESC", [inbox.id]
        )
    ]
    assert model.loaded_ids() == expected
    # Reading every row keeps at most CACHE_ROWS rows, SYNC_ROWS per query on this thread.
    for row in range(model.rowCount()):
        assert model.row(row).id == expected[row]
    assert model.cached_rows() <= 250
    assert model.block_loads == -(-1234 // ml.SYNC_ROWS)


def test_deleted_rows_are_not_listed(profile):
    _mailbox, inbox, ids = fill(5)
    Message.update(deleted_locally=True).where(Message.id == ids[0]).execute()
    model = ml.MessageListModel()
    model.show_folder(inbox.id)
    assert sorted(model.loaded_ids()) == sorted(ids[1:])
    assert not model.canFetchMore()


def test_delegate_two_line_rows(profile, qtbot):
    _mailbox, inbox, _ids = fill(3)
    model = ml.MessageListModel()
    view = ml.MessageListView(model)
    qtbot.addWidget(view)
    model.show_folder(inbox.id, two_line=False)
    one = view.sizeHintForRow(0)
    model.show_folder(inbox.id, two_line=True)
    two = view.sizeHintForRow(0)
    assert two > one * 1.5
    view.resize(800, 300)
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    assert not image.isNull()
    assert model.row(0).snippet.startswith("Body of message 3")


def test_elided_texts_are_what_qt_elides(qtbot):
    """The delegate skips Qt's shaper for Latin texts that surely fit and elides the
    rest on a shorter cut: the texts shown are exactly what elidedText returns."""
    from PySide6.QtCore import Qt

    delegate = ml.MessageDelegate(ml.MessageListModel())
    delegate.set_font(QApplication.font())
    words = [
        "Nabídka",
        "faktura",
        "AVAWAVA",
        "To",
        "Ty",
        "Yo",
        "smlouva",
        "—",
        "„schůzka“",
        "#1234#",
        "ﬁnance",
        "Wave.",
    ]
    texts = [" ".join(words[i : i + n]) for n in (1, 3, 6, 12) for i in range(len(words))]
    texts += [
        "Příliš žluťoučký kůň úpěl ďábelské ódy " * 4,
        "Файл отчёт за квартал",
        "שלום עולם",
        "مرحبا بالعالم",
        "😀 party 🎉 time",
        "e\u0301e\u0301 decomposed",
        "tab\there",
        "",
    ]
    for fm in (delegate.fm_normal, delegate.fm_bold):
        for text in texts:
            for width in (0, 1, 12, 40, 90, 160, 300, 640):
                expected = fm.elidedText(text, Qt.TextElideMode.ElideRight, width) if width else ""
                assert delegate._elide_now(fm, text, width) == expected, (text, width)


def test_changes_remove_and_refresh_rows(profile, qtbot):
    from desktop.services import messages

    _mailbox, inbox, _ids = fill(12)
    model = ml.MessageListModel()
    model.show_folder(inbox.id)
    assert model.rowCount() == 12
    # Rows 1-3 and 6 (newest first): two runs, removed in one pass.
    doomed = [model.message_id(r) for r in (1, 2, 3, 6)]
    keep = [mid for mid in model.loaded_ids() if mid not in doomed]
    model.apply_changes(messages.delete_locally(doomed))
    assert model.loaded_ids() == keep
    assert not model.row(0).starred
    with qtbot.waitSignal(model.dataChanged):
        model.apply_changes(messages.set_starred([keep[0], keep[3]]))
    assert model.row(0).starred and model.row(3).starred and not model.row(1).starred
    model.apply_changes(messages.restore_locally(doomed))
    assert model.rowCount() == 12


def test_filed_rows_show_their_objects_as_chips(qtbot, window):
    """The list draws a message's filings as chips (names loaded with the row block),
    and filing by hand updates the row at once."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    from desktop.crm import local, service
    from desktop.ui.crm.chips import KIND_COLOURS
    from desktop.ui.message_list import COL_SUBJECT, RowRole

    company = local.add_company("Autoservis Kolář s.r.o.", "info@autoservis.example")
    project = local.add_project("Reklamní plachta", company)
    model = window.list_model
    first = model.message_id(0)
    assert model.row(0).chips == ()

    window.apply_changes(service.file_message(first, "project", project))
    window.apply_changes(service.file_message(first, "company", company))
    row = model.row(0)
    assert row.filed
    assert row.chips == (
        ("project", project, "Reklamní plachta"),
        ("company", company, "Autoservis Kolář s.r.o."),
    )
    assert model.row(1).chips == ()

    # The delegate paints them: the project chip's fill is in the subject cell.
    index = model.index(0, COL_SUBJECT)
    assert index.data(RowRole).chips
    option = QStyleOptionViewItem()
    window.list_view.initViewItemOption(option)
    # A cell as wide as in a full-size window: room for the chips (40% at most).
    option.rect = QRect(0, 0, 600, window.list_view.visualRect(index).height())
    image = QImage(option.rect.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    window.list_view.itemDelegate().paint(painter, option, index)
    painter.end()
    fill = QColor(KIND_COLOURS["project"]).lighter(185).rgb()
    pixels = {image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(image.height())}
    assert fill in pixels


def test_narrow_list_shows_cards_and_keeps_the_columns(qtbot, filled):
    from desktop.ui.message_list import (
        COL_DATE,
        COL_SENDER,
        COL_SUBJECT,
        MessageListModel,
        MessageListView,
    )

    inbox = filled[2]
    model = MessageListModel()
    view = MessageListView(model)
    qtbot.addWidget(view)
    model.show_folder(inbox.id)
    view.resize(1000, 400)
    view.show()
    qtbot.waitUntil(lambda: not view.delegate.cards)
    view.header().resizeSection(COL_SENDER, 222)
    one_line = view.rowHeight(0)
    view.resize(500, 400)
    qtbot.waitUntil(lambda: view.delegate.cards)
    # One two-line card per message in the subject column; no header, nothing else.
    assert view.header().isHidden()
    assert view.rowHeight(0) > one_line
    assert [view.isColumnHidden(c) for c in (COL_SENDER, COL_SUBJECT, COL_DATE)] == [
        True,
        False,
        True,
    ]
    view.viewport().repaint()  # paints the cards
    view.resize(1000, 400)
    qtbot.waitUntil(lambda: not view.delegate.cards)
    assert view.header().sectionSize(COL_SENDER) == 222
    assert not view.isColumnHidden(COL_DATE)


def _shown_list(qtbot, inbox):
    """A list view of ``inbox`` on screen, 900 × 400, with more rows than it shows."""
    model = ml.MessageListModel()
    view = ml.MessageListView(model)
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    model.show_folder(inbox.id)
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    return model, view


def test_rows_ahead_of_the_viewport_are_read_in_the_background(profile, qtbot):
    """Scrolling reads the blocks the view is heading to off the GUI thread: when the
    user gets there, painting finds them cached and runs no query of its own."""
    mailbox, inbox, _ids = fill(0)
    _bulk(inbox, mailbox, 1500)
    model, view = _shown_list(qtbot, inbox)
    target = 700  # rows from 700 on were never shown
    view.scrollTo(model.index(target - 5, ml.COL_SUBJECT))
    assert view.rowAt(0) > 600
    ahead = range(target, target + ml.PREFETCH_AHEAD // 2)
    qtbot.waitUntil(lambda: all(model.message_id(r) in model._cache for r in ahead))
    loads = model.block_loads
    view.scrollTo(model.index(ahead[-1], ml.COL_SUBJECT))
    view.viewport().repaint()
    assert [model.row(r).id for r in ahead] == [model.message_id(r) for r in ahead]
    assert model.block_loads == loads
    # A change drops what is under way: nothing stale is cached afterwards.
    model.stop_prefetch()
    assert not model._pending


def test_a_non_stop_scroll_reads_its_rows_itself_and_reads_ahead_when_it_pauses(
    profile, qtbot, monkeypatch
):
    """While the view scrolls step after step, each paint reads the rows it shows in
    one query and no loader thread competes with it; once the scrolling pauses, the
    rows ahead are read in the background."""
    monkeypatch.setattr(ml, "READ_AHEAD_IDLE_MS", 1000)
    mailbox, inbox, _ids = fill(0)
    _bulk(inbox, mailbox, 1500)
    model, view = _shown_list(qtbot, inbox)
    model.stop_prefetch()
    bar = view.verticalScrollBar()
    queued: list[list[int]] = []
    real = model._load_in_background
    monkeypatch.setattr(
        model, "_load_in_background", lambda ids, *a: (queued.append(ids), real(ids, *a))
    )
    app = QApplication.instance()
    for _step in range(5):
        loads = model.block_loads
        bar.setValue(bar.value() + bar.pageStep())
        view.viewport().repaint()
        app.processEvents()
        assert model.block_loads == loads + 1  # the newly shown rows, one query
    assert not queued
    last = view.rowAt(view.viewport().height() - 1)
    ahead = range(last + 1, last + ml.PREFETCH_AHEAD // 2)
    qtbot.waitUntil(lambda: all(model.message_id(r) in model._cache for r in ahead), timeout=5000)
    assert queued
    model.stop_prefetch()


def test_rows_are_painted_whole_with_selection_and_chips(qtbot, window):
    """The view paints each row in one go (columns and cards): the selected row is
    highlighted across its width, a filed row shows its chip, in both modes."""
    from PySide6.QtGui import QColor, QPalette

    from desktop.crm import local, service
    from desktop.ui.crm.chips import KIND_COLOURS

    company = local.add_company("Autoservis Kolář s.r.o.", "info@autoservis.example")
    model = window.list_model
    view = window.list_view
    window.apply_changes(service.file_message(model.message_id(2), "company", company))
    chip = QColor(KIND_COLOURS["company"]).lighter(185).rgb()
    highlight = view.palette().color(QPalette.ColorRole.Highlight).rgb()
    for width, cards in ((1000, False), (500, True)):
        view.resize(width, 400)
        qtbot.waitUntil(lambda cards=cards: view.delegate.cards == cards)
        view.setCurrentIndex(model.index(1, ml.COL_SUBJECT))
        image = view.viewport().grab().toImage()

        def colours(row: int, image=image) -> set[int]:
            rect = view.visualRect(model.index(row, ml.COL_SUBJECT))
            top, bottom = rect.top() + 1, rect.bottom() - 1
            return {
                image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(top, bottom)
            }

        assert highlight in colours(1) and highlight not in colours(0)
        assert chip in colours(2) and chip not in colours(0)
        # Text is drawn: a row is not just its background.
        assert len(colours(0)) > 2


def test_next_page_of_ids_is_read_ahead(profile, qtbot, monkeypatch):
    """Near the end of the loaded ids, the folder's next page is read in the background
    and appended: the keyset pages stay exact (no gap, no repeat)."""
    monkeypatch.setattr(ml, "PAGE_SIZE", 300)
    monkeypatch.setattr(ml, "PREFETCH_IDS", 100)  # read ahead only near the end
    mailbox, inbox, _ids = fill(0)
    _bulk(inbox, mailbox, 1000)
    model, view = _shown_list(qtbot, inbox)
    assert model.rowCount() == 300
    while model.rowCount() < 1000:
        rows = model.rowCount()
        view.scrollTo(model.index(rows - 50, ml.COL_SUBJECT))  # near the end, not at it
        qtbot.waitUntil(lambda rows=rows: model.rowCount() > rows)
    expected = [
        r[0]
        for r in database.execute_sql(
            "SELECT id FROM message WHERE folder_id = ? ORDER BY date DESC, id DESC", [inbox.id]
        )
    ]
    assert model.rowCount() == 1000 and not model.canFetchMore()
    assert model.loaded_ids() == expected
    model.stop_prefetch()
