"""Czech for the security texts (keyring choice in Settings, attachment rows), in the shape
scripts/update_translations.py's CZECH uses (English → Czech; merged by that script)."""

from __future__ import annotations

SECURITY_CZECH: dict[str, str | tuple[str, str, str]] = {
    "Allow a plain-text keyring": "Povolit úložiště hesel v prostém textu",
    "Only where no secure keyring exists: passwords are then kept in a file "
    "in your home directory that anyone who can read your files can read.": (
        "Jen tam, kde není žádná zabezpečená klíčenka: hesla se pak ukládají do souboru "
        "v domovské složce, který si přečte každý, kdo může číst vaše soubory."
    ),
    "Passwords kept in:": "Hesla uložena v:",
}
