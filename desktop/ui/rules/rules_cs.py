"""Czech for the rules UI (Mailbox settings → Rules, the editor, Templates), in the shape
scripts/update_translations.py's CZECH uses (English → Czech; plurals: 1, 2–4, 5+)."""

from __future__ import annotations

RULES_CZECH: dict[str, str | tuple[str, str, str]] = {
    "Rules": "Pravidla",
    "Labels": "Štítky",
    "Saved filters": "Uložené filtry",
    "Holub folders": "Složky v Holubovi",
    "Reply templates:": "Šablony odpovědí:",
    "Templates…": "Šablony…",
    "Templates": "Šablony",
    "%n matching message(s)": (
        "%n odpovídající zpráva",
        "%n odpovídající zprávy",
        "%n odpovídajících zpráv",
    ),
    "%n message(s)": ("%n zpráva", "%n zprávy", "%n zpráv"),
    "Applied to %n message(s).": (
        "Použito na %n zprávu.",
        "Použito na %n zprávy.",
        "Použito na %n zpráv.",
    ),
    "Apply the rule to %n existing message(s)?": (
        "Použít pravidlo na %n existující zprávu?",
        "Použít pravidlo na %n existující zprávy?",
        "Použít pravidlo na %n existujících zpráv?",
    ),
    "Actions:": "Akce:",
    "Add a label": "Přidat štítek",
    "Add an action": "Přidat akci",
    "Add the e-mail as a comment in the CRM": "Vložit e-mail jako komentář v CRM",
    "Add…": "Přidat…",
    "All mailboxes": "Všechny schránky",
    "all mailboxes": "všechny schránky",
    "Applies to:": "Platí pro:",
    "Condition:": "Podmínka:",
    "Counting…": "Počítám…",
    "Create a task in the CRM": "Vytvořit úkol v CRM",
    "Delete (in Holub only)": "Smazat (jen v Holubovi)",
    "Edit…": "Upravit…",
    "Forward to an address": "Přeposlat na adresu",
    "Last error: %1": "Poslední chyba: %1",
    "Mark as read": "Označit jako přečtené",
    "Matching messages (up to 20):": "Odpovídající zprávy (nejvýše 20):",
    "Move to a Holub folder": "Přesunout do složky v Holubovi",
    "Name:": "Název:",
    "New": "Nová",
    "No existing message is waiting for this rule.": (
        "Žádná existující zpráva na toto pravidlo nečeká."
    ),
    "Received and sent mail": "Přijaté i odeslané e-maily",
    "Received mail": "Přijaté e-maily",
    "Sent mail": "Odeslané e-maily",
    "Remove": "Odebrat",
    "Reply with a template": "Odpovědět šablonou",
    "Rule": "Pravidlo",
    "Run now on existing mail…": "Spustit nyní na existující poště…",
    "Run the rule now": "Spustit pravidlo nyní",
    "Save attachments to a directory": "Uložit přílohy do adresáře",
    "Save": "Uložit",
    "Saved.": "Uloženo.",
    "Stop processing further rules": "Nezpracovávat další pravidla",
    "Subject:": "Předmět:",
    "Text:": "Text:",
    "Type a condition in the search language.": "Zadejte podmínku ve vyhledávacím jazyce.",
    "directory": "adresář",
    "e-mail address": "e-mailová adresa",
    "e.g. from:acme.cz has:attachment filed:no": "např. from:acme.cz has:attachment filed:no",
    "empty: Re: and the original subject": "prázdné: Re: a původní předmět",
    "folder name": "název složky",
    "label name": "název štítku",
    "last run %1": "naposledy %1",
    "not run yet": "zatím nespuštěno",
    "template name": "název šablony",
    "{sender_name}, {subject} and {date} are replaced in the subject and text.": (
        "{sender_name}, {subject} a {date} se v předmětu a textu nahradí."
    ),
    "Rules run on new mail in this order (drag to change it). A rule is active once saved; "
    "use Run now in the editor for mail already here.": (
        "Pravidla se na novou poštu použijí v tomto pořadí (změníte přetažením). Pravidlo "
        "platí hned po uložení; na již staženou poštu ho použijete tlačítkem Spustit nyní "
        "v editoru."
    ),
}
