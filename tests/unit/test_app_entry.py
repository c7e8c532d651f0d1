"""The `holub` gui-script entry point."""

import pytest

from desktop import app


def test_gui_script_entry_parses_the_command_line(monkeypatch, capsys):
    # `holub` (pyproject gui-script desktop.app:main) must behave like `python main.py`.
    monkeypatch.setattr("sys.argv", ["holub", "--help"])
    with pytest.raises(SystemExit) as exit_info:
        app.main()
    assert exit_info.value.code == 0
    assert "--demo" in capsys.readouterr().out
