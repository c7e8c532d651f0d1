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
    "%1, named by the keyring configuration": "%1, určeno nastavením klíčenky",
    "%1: a plain-text file, allowed by you": "%1: soubor v prostém textu, povolený vámi",
    "None: no secure keyring, so no password is stored": (
        "Nikde: chybí zabezpečená klíčenka, proto se hesla neukládají"
    ),
    # mailbox settings
    "Enter the password to use with the new server or login.": (
        "Zadejte heslo pro nový server nebo přihlašovací jméno."
    ),
    # reader: attachment rows
    "Holub opens only documents, pictures, audio, video and archives: "
    "save this file and open it yourself if you trust it.": (
        "Holub otevírá jen dokumenty, obrázky, zvuk, video a archivy: "
        "tento soubor uložte a otevřete sami, pokud mu důvěřujete."
    ),
}
