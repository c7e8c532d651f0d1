"""The web engine side of the reader: schemes, request interceptor, page, profile.

Walls, outermost first: the sanitiser (desktop.render.sanitize) leaves no
network URL before consent; the document's Content-Security-Policy allows no
script and no network source (after consent: images and fonts only, never
stylesheets); this module's request interceptor blocks every request that is not
one of Holub's own schemes — network requests only pass after the user consented
for the message on display, and then only for images and fonts. The two walls
open on different terms, so no single mistake loads an external stylesheet. JavaScript, plugins and
DNS prefetch are off; the profile is off the record (no disk cache, no
cookies kept).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from urllib.parse import parse_qs, unquote

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import QWebEnginePage as _Page
from PySide6.QtWebEngineCore import (
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from desktop.render.message import cid_content
from desktop.render.sanitize import CID_SCHEME, REMOTE_SCHEME

DOC_SCHEME = "holub-msg"
INTERNAL_SCHEMES = frozenset({DOC_SCHEME, CID_SCHEME})
NETWORK_SCHEMES = frozenset({"http", "https"})
_TYPE = QWebEngineUrlRequestInfo.ResourceType
# What the user's consent to remote content covers: pictures and the fonts they come
# with. Never stylesheets (unsanitised CSS), frames, scripts, media, XHR or prefetches.
CONSENTED_TYPES = frozenset({_TYPE.ResourceTypeImage, _TYPE.ResourceTypeFontResource})
LINK_SCHEMES = frozenset({"http", "https", "mailto"})

log = logging.getLogger(__name__)
_registered = False


def prepare_webengine_environment() -> None:
    """Chromium refuses to run its sandbox as root, and GPU access fails headless."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None or geteuid() != 0:
        return
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    for flag in ("--no-sandbox", "--disable-gpu"):
        if flag not in flags:
            flags.append(flag)
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(flags)


def register_schemes() -> None:
    """Register Holub's URL schemes. Call once, BEFORE the QApplication is created."""
    global _registered
    if _registered:
        return
    prepare_webengine_environment()
    for name in (DOC_SCHEME, CID_SCHEME, REMOTE_SCHEME):
        scheme = QWebEngineUrlScheme(name.encode())
        scheme.setSyntax(QWebEngineUrlScheme.Syntax.Path)
        # Secure (no mixed-content downgrade), never a local-file-like scheme, no CORS.
        scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme)
        QWebEngineUrlScheme.registerScheme(scheme)
    _registered = True


class RemoteContentInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request but Holub's own schemes; after consent, network images and
    fonts too."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.remote_allowed = False
        self.blocked: list[str] = []  # what was stopped (for the bar and for tests)
        self.passed: list[str] = []

    def allows(self, url: QUrl, resource_type: QWebEngineUrlRequestInfo.ResourceType) -> bool:
        scheme = url.scheme().lower()
        if scheme in INTERNAL_SCHEMES or scheme == "data":
            return True
        return (
            scheme in NETWORK_SCHEMES and self.remote_allowed and resource_type in CONSENTED_TYPES
        )

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        if self.allows(url, info.resourceType()):
            self.passed.append(url.toString())
            return
        self.blocked.append(url.toString())
        info.block(True)


class ReaderSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves the reader's documents (holub-msg:) and inline parts (holub-cid:)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.documents: dict[str, bytes] = {}
        self.served: list[str] = []
        self.parsed: dict[int, object] = {}  # message id → parsed tree, for cid: parts
        self.current_message: int | None = None  # the only message whose parts are served

    def set_document(self, url: QUrl, html: str, message_id: int | None = None) -> None:
        """The one document to serve from now on (earlier ones and their parts forgotten)."""
        self.current_message = message_id
        self.documents = {url.toString(): html.encode("utf-8")}
        self.parsed.clear()
        self.served.clear()

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        scheme = url.scheme()
        if job.requestMethod() != QByteArray(b"GET"):
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        if scheme == DOC_SCHEME:
            data = self.documents.get(url.toString())
            ctype = b"text/html;charset=utf-8"
        elif scheme == CID_SCHEME:
            data, ctype = self._cid(url)
        else:
            data = None
        if data is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        self.served.append(url.toString())
        buffer = QBuffer(job)  # owned by the job: lives exactly as long as the reply
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(QByteArray(ctype), buffer)

    def _cid(self, url: QUrl) -> tuple[bytes | None, bytes]:
        path = url.path(QUrl.ComponentFormattingOption.FullyEncoded)
        message_part, _, cid = path.partition("/")
        if not message_part.isdigit() or not cid or int(message_part) != self.current_message:
            return None, b""  # only the displayed message's own parts
        found = cid_content(int(message_part), unquote(cid), cache=self.parsed)
        if found is None:
            return None, b""
        ctype, data = found
        # Only images are served inline: an HTML or script part under a cid: is refused.
        if not ctype.startswith("image/") or ctype == "image/svg+xml":
            return None, b""
        return data, ctype.encode()


def document_url(message_id: int, mode: str, remote: bool, serial: int) -> QUrl:
    return QUrl(f"{DOC_SCHEME}:{message_id}?mode={mode}&remote={int(remote)}&n={serial}")


def document_params(url: QUrl) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(url.query()).items()}


def make_profile(
    parent: QObject,
) -> tuple[QWebEngineProfile, RemoteContentInterceptor, ReaderSchemeHandler]:
    """An off-the-record profile (nothing on disk) with the interceptor and handlers."""
    profile = QWebEngineProfile(parent)  # no storage name: off the record
    profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
    profile.setPersistentCookiesPolicy(
        QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
    )
    profile.setSpellCheckEnabled(False)
    interceptor = RemoteContentInterceptor(profile)
    profile.setUrlRequestInterceptor(interceptor)
    handler = ReaderSchemeHandler(profile)
    for scheme in (DOC_SCHEME, CID_SCHEME):
        profile.installUrlSchemeHandler(scheme.encode(), handler)
    return profile, interceptor, handler


def harden(settings: QWebEngineSettings) -> None:
    attr = QWebEngineSettings.WebAttribute
    off = [
        "JavascriptEnabled",
        "JavascriptCanOpenWindows",
        "JavascriptCanAccessClipboard",
        "JavascriptCanPaste",
        "PluginsEnabled",
        "LocalContentCanAccessRemoteUrls",
        "LocalContentCanAccessFileUrls",
        "LocalStorageEnabled",
        "XSSAuditingEnabled",
        "HyperlinkAuditingEnabled",
        "AutoLoadIconsForPage",
        "TouchIconsEnabled",
        "DnsPrefetchEnabled",
        "WebGLEnabled",
        "Accelerated2dCanvasEnabled",
        "PdfViewerEnabled",
        "NavigateOnDropEnabled",
        "AllowRunningInsecureContent",
        "AllowGeolocationOnInsecureOrigins",
        "ScreenCaptureEnabled",
        "WebRTCPublicInterfacesOnly",
        "PlaybackRequiresUserGesture",
        "AllowWindowActivationFromJavaScript",
        "ErrorPageEnabled",
        "FocusOnNavigationEnabled",
        "FullScreenSupportEnabled",
    ]
    on_ = {"PlaybackRequiresUserGesture", "WebRTCPublicInterfacesOnly"}
    for name in off:
        member = getattr(attr, name, None)
        if member is not None:
            settings.setAttribute(member, name in on_)


class ReaderPage(_Page):
    """A page that never navigates away: clicked links go to the system browser."""

    linkClicked = Signal(QUrl)

    def __init__(
        self,
        profile: QWebEngineProfile,
        parent: QObject | None = None,
        open_url: Callable[[QUrl], object] | None = None,
    ) -> None:
        super().__init__(profile, parent)
        self._open_url = open_url
        harden(self.settings())

    def acceptNavigationRequest(
        self, url: QUrl | str, nav_type: _Page.NavigationType, is_main_frame: bool
    ) -> bool:
        url = QUrl(url)
        if url.toString() == "about:blank":
            return True  # an empty reader
        if (
            url.scheme() == DOC_SCHEME
            and nav_type != _Page.NavigationType.NavigationTypeLinkClicked
        ):
            return True  # our own document loads
        clicked = nav_type == _Page.NavigationType.NavigationTypeLinkClicked
        if clicked and url.scheme().lower() in LINK_SCHEMES:
            self.linkClicked.emit(url)
            (self._open_url or QDesktopServices.openUrl)(url)
        return False  # never navigate the reader itself (meta refresh, forms, frames...)

    def createWindow(self, _type: _Page.WebWindowType) -> None:
        return None

    def javaScriptConsoleMessage(self, level, message: str, line: int, source: str) -> None:
        # With scripts off, these are the engine's own notes (e.g. a CSP refusal).
        log.debug("reader page: %s", message)
