"""Translations: Czech and English, following the system language unless chosen."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.resources import resources_dir

log = logging.getLogger(__name__)

RESOURCES = resources_dir()
I18N_DIR = RESOURCES / "i18n"
LANGUAGES = ("en", "cs")  # "" in settings means: follow the system

# (pattern of an English sentence written by Qt-free code, its translation from the match)
Sentences = Sequence[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]]

_installed: list[QTranslator] = []
_current = "en"


def system_language() -> str:
    for name in QLocale.system().uiLanguages():
        code = name.split("-")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def resolve(choice: str | None) -> str:
    return choice if choice in LANGUAGES else system_language()


def current_language() -> str:
    return _current


def install(app: QCoreApplication, choice: str | None) -> str:
    """Install the translators for ``choice`` ("", "en" or "cs"); returns the language used.

    Installing or removing a translator sends every widget a LanguageChange
    event, on which windows retranslate their texts.
    """
    global _current
    language = resolve(choice)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    # English has a .qm too, for its plural forms ("1 message", "2 messages").
    ours = QTranslator(app)
    if ours.load(str(I18N_DIR / f"holub_{language}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("no translation file for %s in %s", language, I18N_DIR)
    if language != "en":
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)
    QLocale.setDefault(QLocale(language))
    _current = language
    return language


def say_again(text: str, sentences: Sentences) -> str:
    """``text``, an English sentence from the core, in the current language: the first
    of ``sentences`` that matches it whole says it; an unknown one stays as it is."""
    for pattern, say in sentences:
        match = pattern.fullmatch(text)
        if match is not None:
            return say(match)
    return text
