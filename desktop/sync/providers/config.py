"""Where the OAuth providers are: client ids and endpoints, all configuration.

Never another company's app registration baked in (DESIGN §3): each value comes from
the environment, else from the ``[providers]`` section of the profile's settings file
(``holub-gui.ini``, the same file the window keeps its settings in), else its default.
Tests and other clouds point the endpoints elsewhere the same way.
"""

from __future__ import annotations

import configparser
import os
from pathlib import Path

from desktop.errors import HolubError

GOOGLE_CLIENT_ID = "HOLUB_GOOGLE_CLIENT_ID"
# The name of the setting (an environment variable) that holds Google's installed-app
# "client secret" — which Google says is not a secret (it ships with every copy of the
# app); it is still configuration, never a literal here.
GOOGLE_CLIENT_SECRET_SETTING = "HOLUB_GOOGLE_CLIENT_SECRET"
GOOGLE_AUTH_URI = "HOLUB_GOOGLE_AUTH_URI"
GOOGLE_TOKEN_URI = "HOLUB_GOOGLE_TOKEN_URI"
GMAIL_API = "HOLUB_GMAIL_API"
MS_CLIENT_ID = "HOLUB_MS_CLIENT_ID"
MS_AUTHORITY = "HOLUB_MS_AUTHORITY"
GRAPH_API = "HOLUB_GRAPH_API"

DEFAULTS: dict[str, str] = {
    GOOGLE_AUTH_URI: "https://accounts.google.com/o/oauth2/auth",
    GOOGLE_TOKEN_URI: "https://oauth2.googleapis.com/token",
    GMAIL_API: "https://gmail.googleapis.com",
    MS_AUTHORITY: "https://login.microsoftonline.com/common",
    GRAPH_API: "https://graph.microsoft.com/v1.0",
}

SETTINGS_FILE = "holub-gui.ini"
SECTION = "providers"

# Where a user gets a client id, for the "nothing configured" message.
WHERE_TO_GET = {
    GOOGLE_CLIENT_ID: (
        "create an OAuth client of type 'Desktop app' in the Google Cloud console "
        "(APIs & Services → Credentials) with the Gmail API enabled"
    ),
    MS_CLIENT_ID: (
        "register an application in the Microsoft Entra admin center (App registrations) "
        "as a public client with the redirect URI http://localhost"
    ),
}


def _profile_settings() -> Path | None:
    from desktop.models.db import database

    if database.database in (None, ":memory:"):
        return None
    return Path(database.database).parent / SETTINGS_FILE


def value(key: str) -> str:
    """The configured value of ``key`` (an ``HOLUB_*`` name), or its default, or ""."""
    if env := os.environ.get(key, "").strip():
        return env
    path = _profile_settings()
    if path is not None and path.exists():
        parser = configparser.ConfigParser(interpolation=None)
        parser.optionxform = str  # keys as written: HOLUB_GOOGLE_CLIENT_ID
        try:
            parser.read(path, encoding="utf-8")
        except configparser.Error:
            parser = None
        if parser is not None and parser.has_option(SECTION, key):
            configured = parser.get(SECTION, key).strip()
            if configured:
                return configured
    return DEFAULTS.get(key, "")


def required(key: str, provider: str) -> str:
    """``value(key)``, or a plain HolubError saying what to set and where to get it."""
    configured = value(key)
    if configured:
        return configured
    where = WHERE_TO_GET.get(key, "ask your administrator for it")
    raise HolubError(
        f"No {provider} client id is configured. Set {key} in the environment, or in the "
        f"[{SECTION}] section of {SETTINGS_FILE} in the profile; to get one, {where}."
    )
