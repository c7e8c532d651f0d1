"""Layout: the window opens within the available screen and remembers where it was;
the reader's minimum width does not depend on the message shown."""

from __future__ import annotations

from PySide6.QtCore import QRect

from desktop.ui import settings as prefs
from desktop.ui.main_window import MainWindow


def _window(qtbot, prof) -> MainWindow:
    win = MainWindow(prof.root, prefs.open_settings(prof.root))
    qtbot.addWidget(win)
    win.show()
    return win


def _inside(win: MainWindow) -> bool:
    area: QRect = win.screen().availableGeometry()
    return area.contains(win.frameGeometry())


def test_first_window_fits_the_screen(qtbot, filled):
    win = _window(qtbot, filled[0])
    area = win.screen().availableGeometry()
    assert win.width() <= area.width() and win.height() <= area.height()
    qtbot.waitUntil(lambda: _inside(win))


def test_a_remembered_window_larger_than_the_screen_is_brought_back(qtbot, filled):
    prof = filled[0]
    win = _window(qtbot, prof)
    area = win.screen().availableGeometry()
    win.resize(area.width() + 600, area.height() + 400)
    win.move(area.right() - 50, area.bottom() - 50)  # mostly off the screen
    win.close()
    again = _window(qtbot, prof)
    qtbot.waitUntil(lambda: _inside(again))
    assert again.width() <= area.width() and again.height() <= area.height()


def test_remembers_where_it_was(qtbot, filled):
    prof = filled[0]
    win = _window(qtbot, prof)
    win.resize(720, 450)
    win.move(40, 30)
    win.close()
    again = _window(qtbot, prof)
    assert (again.width(), again.height()) == (720, 450)
    assert (again.x(), again.y()) == (40, 30)


def test_reader_width_does_not_follow_the_message(qtbot, filled):
    win = _window(qtbot, filled[0])
    win.resize(780, 560)
    before = win.mail.sizes()
    for row in range(5):
        win.mail.select_row(row)
        qtbot.wait(1)
        assert win.mail.sizes() == before
    from desktop.ui.mail_pane import READER_MIN_WIDTH

    assert win.mail.reader_box.minimumWidth() == READER_MIN_WIDTH
