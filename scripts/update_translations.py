#!/usr/bin/env python3
"""Refresh resources/i18n/holub_cs.ts from the sources, fill in Czech, compile the .qm.

    python scripts/update_translations.py

Runs pyside6-lupdate over desktop/ui (every tr()/translate()/QT_TRANSLATE_NOOP),
fills each unfinished message whose English text has an entry in CZECH below
(translations already in the .ts are kept), then pyside6-lrelease. Prints the
texts still untranslated.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TS = REPO / "resources" / "i18n" / "holub_cs.ts"
QM = TS.with_suffix(".qm")

# English → Czech. Plurals: a tuple of the three Czech forms (1, 2–4, 5+).
CZECH: dict[str, str | tuple[str, str, str]] = {
    # menus and actions
    "&File": "&Soubor",
    "&Edit": "Úpr&avy",
    "&Message": "&Zpráva",
    "&View": "&Zobrazení",
    "&Help": "&Nápověda",
    "&New message": "&Nová zpráva",
    "&Add mailbox…": "Přid&at schránku…",
    "Open the &demo": "Otevřít &ukázku",
    "&Settings…": "&Nastavení…",
    "&Quit": "&Ukončit",
    "&Undo": "&Zpět",
    "&Search": "&Hledat",
    "&Reply": "&Odpovědět",
    "Reply &all": "Odpovědět &všem",
    "&Forward": "&Přeposlat",
    "Forward as a&ttachment": "Přeposlat jako příl&ohu",
    "&Delete": "O&dstranit",
    "Hide the message in Holub (nothing changes on the server)": (
        "Skrýt zprávu v Holubovi (na serveru se nic nezmění)"
    ),
    "Mark as r&ead": "Označit jako př&ečtené",
    "Mark as &unread": "Označit jako &nepřečtené",
    "S&tar": "Ozna&čit hvězdičkou",
    "&Refresh": "&Obnovit",
    "&Next message": "&Další zpráva",
    "&Previous message": "&Předchozí zpráva",
    "Group by &conversation": "Seskupit podle &konverzace",
    "&About Holub": "&O Holubovi",
    # folder tree
    "Inbox": "Doručená pošta",
    "Signals": "Signály",
    "CRM": "CRM",
    "Companies": "Firmy",
    "Projects": "Projekty",
    "Tasks": "Úkoly",
    "Search: %1": "Hledání: %1",
    # main window
    "demo": "ukázka",
    "Search (from: to: subject: has:attachment is:unread before: after:)": (
        "Hledat (from: to: subject: has:attachment is:unread before: after:)"
    ),
    "Sync error – details": "Chyba synchronizace – podrobnosti",
    "The CRM views are not available in this build.": (
        "Pohledy CRM nejsou v této verzi k dispozici."
    ),
    "Delete %n message(s)": ("Odstranit %n zprávu", "Odstranit %n zprávy", "Odstranit %n zpráv"),
    "%n message(s) hidden in Holub (still on the server). Ctrl+Z brings them back.": (
        "%n zpráva skryta v Holubovi (na serveru zůstává). Ctrl+Z ji vrátí.",
        "%n zprávy skryty v Holubovi (na serveru zůstávají). Ctrl+Z je vrátí.",
        "%n zpráv skryto v Holubovi (na serveru zůstávají). Ctrl+Z je vrátí.",
    ),
    "Nothing to undo": "Není co vrátit",
    "%n message(s) found": ("Nalezena %n zpráva", "Nalezeny %n zprávy", "Nalezeno %n zpráv"),
    "Imported mail is not synchronised": "Importovaná pošta se nesynchronizuje",
    "Choose a mailbox to refresh": "Vyberte schránku, kterou chcete obnovit",
    "Synchronising %1…": "Synchronizuji %1…",
    "Refresh is possible once every 5 minutes; available again at %1": (
        "Obnovit lze jednou za 5 minut; znovu to půjde v %1"
    ),
    "Synchronise %1 now (F5)": "Synchronizovat %1 hned (F5)",
    "never": "nikdy",
    "Last sync: %1": "Poslední synchronizace: %1",
    "Synchronisation failed": "Synchronizace selhala",
    "%n new message(s) in %1": (
        "%n nová zpráva ve schránce %1",
        "%n nové zprávy ve schránce %1",
        "%n nových zpráv ve schránce %1",
    ),
    "Writing mail is not available in this build.": "Psaní zpráv není v této verzi k dispozici.",
    "About Holub": "O Holubovi",
    "Holub — e-mail filed under your CRM's companies, projects and tasks.": (
        "Holub — e-maily zařazené k firmám, projektům a úkolům ve vašem CRM."
    ),
    "Welcome to Holub": "Vítejte v Holubovi",
    "Holub files your e-mail under the companies, projects and tasks it belongs to. "
    "Add a mailbox to start, or look around in the demo first.": (
        "Holub zařazuje vaše e-maily k firmám, projektům a úkolům, ke kterým patří. "
        "Začněte přidáním schránky, nebo se nejdřív rozhlédněte v ukázce."
    ),
    "Add mailbox…": "Přidat schránku…",
    "Open the demo": "Otevřít ukázku",
    # message list
    "(no subject)": "(bez předmětu)",
    "From": "Od",
    "To": "Komu",
    "Subject": "Předmět",
    "Date": "Datum",
    "Size": "Velikost",
    "Starred": "S hvězdičkou",
    "Has attachments": "Má přílohy",
    "Filed under a company, project or task": "Zařazeno k firmě, projektu nebo úkolu",
    "This message could not be read fully; its source is shown.": (
        "Zprávu se nepodařilo přečíst celou; zobrazuje se její zdroj."
    ),
    # settings
    "Settings": "Nastavení",
    "System language": "Jazyk systému",
    "Announce new mail": "Oznamovat novou poštu",
    "Show an icon in the system tray": "Zobrazit ikonu v oznamovací oblasti",
    "Language:": "Jazyk:",
    "Notifications:": "Oznámení:",
    # account dialog
    "Add mailbox": "Přidat schránku",
    "the e-mail address, if empty": "e-mailová adresa, pokud je prázdné",
    "File e-mail under CRM objects automatically": "Automaticky párovat e-maily s CRM",
    "Suggest CRM objects (signals)": "Navrhovat objekty CRM (signály)",
    "Show a snippet in the message list": "Zobrazit v seznamu zpráv úryvek",
    "Connection name:": "Název připojení:",
    "E-mail address:": "E-mailová adresa:",
    "Sender name:": "Jméno odesílatele:",
    "Import e-mails from:": "Importovat e-maily od:",
    "Servers": "Servery",
    "IMAP server:": "Server IMAP:",
    "IMAP port:": "Port IMAP:",
    "SMTP server:": "Server SMTP:",
    "SMTP port:": "Port SMTP:",
    "Login:": "Přihlašovací jméno:",
    "Password:": "Heslo:",
    "IMAP login method:": "Způsob přihlášení k IMAP:",
    "SMTP login method:": "Způsob přihlášení k SMTP:",
    "Plain": "PLAIN",
    "Login": "LOGIN",
    "How Holub sends the password: Plain uses PLAIN, or LOGIN where the server "
    "has only that; Login always uses LOGIN. Leave Plain unless told otherwise.": (
        "Jak Holub posílá heslo: PLAIN použije PLAIN, nebo LOGIN, pokud server nabízí "
        "jen ten; LOGIN použije vždy LOGIN. Ponechte PLAIN, pokud vám někdo neřekne jinak."
    ),
    "With two-factor authentication switched on, use an app password created in your "
    "provider's security settings.": (
        "Máte-li zapnuté dvoufázové ověření, použijte heslo aplikace vytvořené "
        "v nastavení zabezpečení u svého poskytovatele."
    ),
    "Enter the mailbox's e-mail address.": "Zadejte e-mailovou adresu schránky.",
    "Enter the IMAP and SMTP servers.": "Zadejte servery IMAP a SMTP.",
    "Signing in to the IMAP and SMTP servers…": "Přihlašuji se k serverům IMAP a SMTP…",
    "Adding the demo failed: %1": "Přidání ukázky selhalo: %1",
    "Something went wrong: %1 (details in holub.log)": (
        "Něco se pokazilo: %1 (podrobnosti v holub.log)"
    ),
    "Filed under:": "Zařazeno k:",
    "only for servers with their own certificate": "jen pro servery s vlastním certifikátem",
    "CA certificate file:": "Soubor certifikátu CA:",
    "%1 › %2: %3 messages, %4 unread": "%1 › %2: %3 zpráv, %4 nepřečtených",
    "F&ile under…": "Zařad&it k…",
    "File the message under a company, project or task": (
        "Zařadit zprávu k firmě, projektu nebo úkolu"
    ),
    "Create a company from the message…": "Vytvořit ze zprávy firmu…",
    "Create a project from the message…": "Vytvořit ze zprávy projekt…",
    "Create a task from the message…": "Vytvořit ze zprávy úkol…",
    "Starred, has attachments, filed under a CRM object": (
        "S hvězdičkou, s přílohou, zařazeno k objektu CRM"
    ),
    # compose window and outbox (desktop/ui/compose)
    "---------- Forwarded message ----------": "---------- Přeposlaná zpráva ----------",
    "Cc": "Kopie",
    "On {date}, {sender} wrote:": "Dne {date} napsal(a) {sender}:",
    "Address (URL):": "Adresa (URL):",
    "Attach files": "Přiložit soubory",
    "Attach…": "Přiložit…",
    "Bcc:": "Skrytá kopie:",
    "Bold": "Tučně",
    "Bulleted list": "Odrážky",
    "Cc:": "Kopie:",
    "Choose the mailbox to send from.": "Vyberte schránku, ze které se má odeslat.",
    "Compose: {subject}": "Nová zpráva: {subject}",
    "Failed": "Selhalo",
    "Formatting": "Formátování",
    "From:": "Od:",
    "Insert link": "Vložit odkaz",
    "Italic": "Kurzíva",
    "Link…": "Odkaz…",
    "Not sent: {error}. The message waits in the Outbox.": (
        "Neodesláno: {error}. Zpráva čeká ve složce K odeslání."
    ),
    "Numbered list": "Číslovaný seznam",
    "Outbox": "K odeslání",
    "&Outbox": "&K odeslání",
    "Queued": "Ve frontě",
    "Remove": "Odebrat",
    "Retry": "Zkusit znovu",
    "Send (Ctrl+Enter)": "Odeslat (Ctrl+Enter)",
    "Send": "Odeslat",
    "Sending": "Odesílá se",
    "Sending…": "Odesílám…",
    "Sent": "Odesláno",
    "Sent.": "Odesláno.",
    "Server's answer": "Odpověď serveru",
    "State": "Stav",
    "Subject:": "Předmět:",
    "The outbox is empty.": "Ve složce K odeslání nic není.",
    "To:": "Komu:",
    "Tries": "Pokusy",
    "name@example.com, another@example.com": "jmeno@example.com, dalsi@example.com",
    "unknown error": "neznámá chyba",
    "Edit": "Upravit",
    "Take the message back from the Outbox to change it (e.g. an address)": (
        "Vzít zprávu zpět ze složky K odeslání a upravit ji (např. adresu)"
    ),
    "Discard": "Zahodit",
    "Delete the failed message without sending it": "Smazat neodeslanou zprávu bez odeslání",
    # drafts
    "Drafts": "Koncepty",
    "Mailbox": "Schránka",
    "Edited": "Upraveno",
    "Open": "Otevřít",
    "Go on writing this message": "Pokračovat v psaní této zprávy",
    "Delete the draft without sending it": "Smazat koncept bez odeslání",
    "No drafts.": "Žádné koncepty.",
    "Discard draft": "Zahodit koncept",
    "Discard the draft “{subject}”? It cannot be brought back.": (
        "Zahodit koncept „{subject}“? Vrátit to nepůjde."
    ),
}


# English needs a .qm only for plurals: "%n message(s)" → "1 message" / "2 messages".
EN_TS = TS.with_name("holub_en.ts")


def _english_plural(source: str) -> tuple[str, str]:
    import re

    singular = re.sub(r"(\w+)\(s\)", r"\1", source)
    plural = re.sub(r"(\w+)\(s\)", r"\1s", source)
    return singular, plural


def _english_plurals(sources: list[str]) -> None:
    subprocess.run(
        ["pyside6-lupdate", *sources, "-no-obsolete", "-pluralonly", "-ts", str(EN_TS)],
        check=True,
    )
    tree = ET.parse(EN_TS)
    tree.getroot().set("language", "en")
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        translation.attrib.pop("type", None)
        for form in _english_plural(message.findtext("source") or ""):
            ET.SubElement(translation, "numerusform").text = form
    tree.write(EN_TS, encoding="utf-8", xml_declaration=True)
    en_qm = EN_TS.with_suffix(".qm")
    subprocess.run(["pyside6-lrelease", str(EN_TS), "-qm", str(en_qm)], check=True)


def _merge_helper_tables() -> None:
    # The reader, CRM widgets and mailbox settings keep their Czech next to their code.
    sys.path.insert(0, str(REPO))
    for module, name in (
        ("desktop.ui.reader.i18n_cs", "READER_CZECH"),
        ("desktop.ui.crm.translations_cs", "CRM_CZECH"),
        ("desktop.ui.mailbox_settings_cs", "MAILBOX_SETTINGS_CZECH"),
        ("desktop.ui.security_cs", "SECURITY_CZECH"),
        ("desktop.ui.signature.signature_cs", "SIGNATURE_CZECH"),
        ("desktop.ui.rules.rules_cs", "RULES_CZECH"),
        ("desktop.ui.window_cs", "WINDOW_CZECH"),
        ("desktop.ui.account_dialog_cs", "ACCOUNT_DIALOG_CZECH"),
        ("desktop.ui.sharing.sharing_cs", "SHARING_CZECH"),
        ("desktop.ui.compose.compose_cs", "COMPOSE_CZECH"),
    ):
        try:
            table = getattr(__import__(module, fromlist=[name]), name)
        except (ImportError, AttributeError):
            continue
        for key, value in table.items():
            CZECH.setdefault(key, value)


def main() -> int:
    _merge_helper_tables()
    sources = sorted(str(p) for p in (REPO / "desktop" / "ui").rglob("*.py"))
    subprocess.run(["pyside6-lupdate", *sources, "-no-obsolete", "-ts", str(TS)], check=True)
    tree = ET.parse(TS)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        done = translation.get("type") not in {"unfinished", "vanished", "obsolete"}
        if done and (translation.text or list(translation)):
            continue
        czech = CZECH.get(source)
        if czech is None:
            if translation.get("type") == "unfinished":
                missing.append(source)
            continue
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            forms = czech if isinstance(czech, tuple) else (czech, czech, czech)
            translation.text = None
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = czech if isinstance(czech, str) else czech[0]
        translation.attrib.pop("type", None)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(QM)], check=True)
    _english_plurals(sources)
    for text in missing:
        print("untranslated:", text, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
