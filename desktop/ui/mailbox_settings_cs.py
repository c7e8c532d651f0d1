"""Czech for the mailbox settings dialog, in the shape scripts/update_translations.py's
CZECH uses (English → Czech; merged into the main table by that script)."""

from __future__ import annotations

MAILBOX_SETTINGS_CZECH: dict[str, str | tuple[str, str, str]] = {
    "&Mailbox settings…": "Nastavení &schránky…",
    "Settings of the current mailbox": "Nastavení zobrazené schránky",
    "Mailbox settings – %1": "Nastavení schránky – %1",
    "Set when the mailbox was added; it cannot change.": (
        "Nastaveno při přidání schránky; nelze změnit."
    ),
    "File e-mail under CRM objects automatically": "Automaticky zařazovat e-maily k objektům CRM",
    "Suggest CRM objects (signals)": "Navrhovat objekty CRM (signály)",
    "Show a snippet in the message list": "Zobrazovat v seznamu zpráv úryvek",
    "Notify me of new mail": "Upozorňovat na novou poštu",
    "Connection name:": "Název připojení:",
    "E-mail address:": "E-mailová adresa:",
    "Sender name:": "Jméno odesílatele:",
    "Import e-mails from:": "Importovat e-maily od:",
    "Add the signature to replies and forwards too": (
        "Vkládat podpis i do odpovědí a přeposílaných zpráv"
    ),
    "Bold": "Tučně",
    "Italic": "Kurzíva",
    "Link…": "Odkaz…",
    "Insert a picture (logo)…": "Vložit obrázek (logo)…",
    "Picture…": "Obrázek…",
    "Colleague's e-mail": "E-mail kolegy",
    "Access": "Přístup",
    "Add": "Přidat",
    "Remove": "Odebrat",
    "Never pair these addresses or domains (one per line):": (
        "Tyto adresy a domény nikdy nepárovat (jedna na řádek):"
    ),
    "Shared with:": "Sdíleno s:",
    "the e-mail address, if empty": "e-mailová adresa, pokud je prázdné",
    "unchanged": "beze změny",
    "IMAP server:": "Server IMAP:",
    "IMAP port:": "Port IMAP:",
    "SMTP server:": "Server SMTP:",
    "SMTP port:": "Port SMTP:",
    "Login:": "Přihlašovací jméno:",
    "Password:": "Heslo:",
    "IMAP login method:": "Způsob přihlášení k IMAP:",
    "SMTP login method:": "Způsob přihlášení k SMTP:",
    "With two-factor authentication switched on, use an app password "
    "created in your provider's security settings.": (
        "Se zapnutým dvoufázovým ověřením použijte heslo pro aplikace "
        "vytvořené v nastavení zabezpečení u vašeho poskytovatele."
    ),
    "General": "Obecné",
    "Signature": "Podpis",
    "Pairing and sharing": "Párování a sdílení",
    "Connection": "Připojení",
    "Link": "Odkaz",
    "Web address (https://…) or e-mail address:": "Webová adresa (https://…) nebo e-mail:",
    "A link must be a web address or an e-mail address.": (
        "Odkaz musí být webová adresa nebo e-mailová adresa."
    ),
    "Insert a picture": "Vložit obrázek",
    "Pictures (*.png *.jpg *.jpeg *.gif)": "Obrázky (*.png *.jpg *.jpeg *.gif)",
    "Read": "Čtení",
    "Read+Write": "Čtení a zápis",
    "The connection name must not be empty.": "Název připojení nesmí být prázdný.",
    "Signing in to the IMAP and SMTP servers…": "Přihlašování k serverům IMAP a SMTP…",
    "Saving…": "Ukládání…",
    # CRM widgets (work now runs in the background)
    "Filing…": "Zařazování…",
}
