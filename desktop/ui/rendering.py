"""How the window is composed on screen: on the GPU, or in software where there is none.

The reader is a web view, and a web view makes Qt compose its whole top-level window
through OpenGL on Linux: every repaint of the message list is uploaded as a texture and
the window drawn again. With a GPU that is cheap. Without one (a virtual machine, a
remote desktop, a laptop with no driver) Mesa's software rasteriser does it on the
CPU: scrolling the 100,000-message list under Xvfb took 17 ms a page and four times
the CPU, against 6 ms with Qt Quick's software scene graph, where the web view is
drawn into the window's own raster image like any other widget.

So Holub asks the system which OpenGL it has, once, before the first web view exists,
and chooses the software scene graph where OpenGL is missing or is itself software.
"""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger(__name__)

# GL_RENDERER strings of software rasterisers (Mesa's llvmpipe, softpipe and swrast;
# Google's SwiftShader; Windows' and Apple's fallbacks, should GL be in use there).
SOFTWARE_RENDERERS = (
    "llvmpipe",
    "softpipe",
    "swrast",
    "software rasterizer",
    "swiftshader",
    "microsoft basic render",
    "apple software renderer",
)
# Qt's own switches: a user or a packager who set one has chosen.
USER_CHOICE = ("QT_QUICK_BACKEND", "QMLSCENE_DEVICE", "QSG_RHI_BACKEND")
GL_RENDERER = 0x1F01


def is_software_renderer(renderer: str | None) -> bool:
    """True for no OpenGL at all (None or empty) and for a software rasteriser."""
    if not renderer:
        return True
    name = renderer.lower()
    return any(known in name for known in SOFTWARE_RENDERERS)


def opengl_renderer() -> str | None:
    """The GL_RENDERER of a context made the way Qt makes one; None when none can be."""
    from PySide6.QtGui import QOffscreenSurface, QOpenGLContext

    context = QOpenGLContext()
    if not context.create():
        return None
    surface = QOffscreenSurface()
    surface.setFormat(context.format())
    surface.create()
    try:
        if not context.makeCurrent(surface):
            return None
        try:
            return context.functions().glGetString(GL_RENDERER) or None
        finally:
            context.doneCurrent()
    finally:
        surface.destroy()


def choose_scene_graph() -> str:
    """Call once the QApplication exists and before any web view is made. Returns what
    was chosen: "software", "gpu", or "user" (left to the environment)."""
    if any(os.environ.get(name) for name in USER_CHOICE):
        return "user"
    if sys.platform in ("win32", "darwin"):
        # Direct3D and Metal there, not OpenGL; their own fallbacks apply.
        return "gpu"
    renderer = opengl_renderer()
    if not is_software_renderer(renderer):
        log.info("window composed on the GPU (%s)", renderer)
        return "gpu"
    from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

    QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
    log.info("window composed in software (OpenGL: %s)", renderer or "none")
    return "software"
