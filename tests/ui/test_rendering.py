"""How the window is composed: the software scene graph where OpenGL is software or
missing, the user's own choice kept, and Qt's fill thread pool off (bench/ui_bench.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.ui.application import _prepare_environment
from desktop.ui.rendering import is_software_renderer

REPO = Path(__file__).resolve().parents[2]

CHOOSE = """
import sys
from PySide6.QtWidgets import QApplication
from PySide6.QtQuick import QQuickWindow
app = QApplication(sys.argv)
from desktop.ui.rendering import choose_scene_graph
print(choose_scene_graph(), QQuickWindow.sceneGraphBackend() or "default")
"""


@pytest.mark.parametrize(
    ("renderer", "software"),
    [
        ("llvmpipe (LLVM 15.0.6, 256 bits)", True),
        ("softpipe", True),
        ("Mesa OffScreen / swrast", True),
        ("Google SwiftShader", True),
        (None, True),  # no OpenGL at all
        ("", True),
        ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)", False),
        ("NVIDIA GeForce RTX 3060/PCIe/SSE2", False),
        ("AMD Radeon RX 6600 (radeonsi, navi23, LLVM 15.0.6, DRM 3.49)", False),
    ],
)
def test_software_rasterisers_are_told_from_gpus(renderer, software):
    assert is_software_renderer(renderer) is software


def _choose(extra_env: dict[str, str]) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QUICK_BACKEND", "QSG_RHI_BACKEND")}
    env.update(QT_QPA_PLATFORM="offscreen", **extra_env)
    out = subprocess.run(
        [sys.executable, "-c", CHOOSE],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_without_a_gpu_the_web_view_is_drawn_in_software():
    # The offscreen platform has no OpenGL: Qt Quick (the reader's web view) draws
    # with its software scene graph instead of failing to make an OpenGL context.
    assert _choose({}) == ["software", "software"]


def test_a_user_choice_of_scene_graph_is_kept():
    assert _choose({"QSG_RHI_BACKEND": "opengl"}) == ["user", "default"]


def test_qt_fill_thread_pool_is_off_unless_the_user_set_it(monkeypatch):
    monkeypatch.delenv("QT_NO_GUI_THREADPOOL", raising=False)
    _prepare_environment()
    assert os.environ["QT_NO_GUI_THREADPOOL"] == "1"
    monkeypatch.setenv("QT_NO_GUI_THREADPOOL", "yes")
    _prepare_environment()
    assert os.environ["QT_NO_GUI_THREADPOOL"] == "yes"
