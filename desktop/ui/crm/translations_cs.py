"""Czech for the CRM widgets' texts, for scripts/update_translations.py (the ui helper's
script keeps one English → Czech table: ``CZECH.update(CRM_CZECH)``).

Plurals are tuples of the three Czech forms (1, 2–4, 5+), as in that script.
"""

from __future__ import annotations

CRM_CZECH: dict[str, str | tuple[str, str, str]] = {
    # why a filing is suggested (desktop/ui/crm/reasons.py)
    "#%1# names both a project and a task": "#%1# je číslo projektu i úkolu",
    "#%1# in the subject": "#%1# v předmětu",
    "project of task #%1#": "projekt úkolu #%1#",
    "company of task #%1#": "firma úkolu #%1#",
    "sender %1 is the e-mail of a company": "adresa odesílatele %1 je e-mail firmy",
    "sender %1 is the e-mail of a contact": "adresa odesílatele %1 je e-mail kontaktu",
    "recipient %1 is the e-mail of a company": "adresa příjemce %1 je e-mail firmy",
    "recipient %1 is the e-mail of a contact": "adresa příjemce %1 je e-mail kontaktu",
    "sender %1 belongs to several companies: %2": "adresa odesílatele %1 patří několika firmám: %2",
    "recipient %1 belongs to several companies: %2": "adresa příjemce %1 patří několika firmám: %2",
    "suggested in Caflou": "navrženo v Caflou",
    "%1 #%2 — click to remove this filing": "%1 #%2 — kliknutím zařazení odeberete",
    "%n open signal(s)": ("%n otevřený signál", "%n otevřené signály", "%n otevřených signálů"),
    "(none)": "(žádná)",
    "(not in the CRM)": "(v CRM není)",
    "Accept": "Přijmout",
    "Account": "Účet",
    "Add contact": "Přidat kontakt",
    "Caflou address": "Adresa Caflou",
    "Choose the account Holub should use.": "Vyberte účet, který má Holub používat.",
    "Company": "Firma",
    "Company, project or task name or #id": "Název firmy, projektu či úkolu nebo #id",
    "Connect Caflou": "Připojit Caflou",
    "Contact": "Kontakt",
    "Contacts": "Kontakty",
    "Create": "Vytvořit",
    "Date": "Datum",
    "Delete": "Smazat",
    "Details": "Podrobnosti",
    "Dismiss": "Zamítnout",
    "E-mail": "E-mail",
    "E-mails": "E-maily",
    "E-mails (%1)": "E-maily (%1)",
    "Everything": "Vše",
    "File": "Zařadit",
    "File %n message(s) under:": (
        "Zařadit %n zprávu pod:",
        "Zařadit %n zprávy pod:",
        "Zařadit %n zpráv pod:",
    ),
    "File the selected messages (A)": "Zařadit vybrané zprávy (A)",
    "File this e-mail under it": "Zařadit pod něj tento e-mail",
    "File under…": "Zařadit pod…",
    "Forget the selected suggestions (D)": "Zapomenout vybrané návrhy (D)",
    "From": "Od",
    "Id": "Id",
    "Name": "Název",
    "New company from this e-mail": "Nová firma z tohoto e-mailu",
    "New contact from this e-mail": "Nový kontakt z tohoto e-mailu",
    "New project from this e-mail": "Nový projekt z tohoto e-mailu",
    "New task from this e-mail": "Nový úkol z tohoto e-mailu",
    "Password": "Heslo",
    "Project": "Projekt",
    "Remove from this company": "Odebrat z této firmy",
    "Remove from this project": "Odebrat z tohoto projektu",
    "Remove from this task": "Odebrat z tohoto úkolu",
    "Save": "Uložit",
    "Search by name or #id": "Hledat podle názvu nebo #id",
    "Sign in": "Přihlásit",
    "Signing in and reading the CRM…": "Přihlašuji a načítám CRM…",
    "Subject": "Předmět",
    "Suggestion": "Návrh",
    "Task": "Úkol",
    "Two-factor code": "Dvoufázový kód",
    "Why": "Proč",
    "only with two-factor sign-in": "jen při dvoufázovém přihlášení",
    # issue 10: the CRM menu, the status bar's CRM state, the first-start button
    "C&RM": "C&RM",
    "&Connect Caflou…": "&Připojit Caflou…",
    "Connect Caflou…": "Připojit Caflou…",
    "&Pull now": "&Načíst teď",
    "&Disconnect": "&Odpojit",
    "Read companies, projects and tasks again": "Znovu načíst firmy, projekty a úkoly",
    "Forget the Caflou account %1; Holub uses its local CRM": (
        "Zapomenout účet Caflou %1; Holub použije své místní CRM"
    ),
    "Connect Caflou first": "Nejprve připojte Caflou",
    "Caflou is connected": "Caflou je připojeno",
    "Reading the CRM…": "Načítám CRM…",
    "The CRM is read": "CRM je načteno",
    "Reading the CRM failed: %1": "Načtení CRM selhalo: %1",
    "Disconnect Caflou": "Odpojit Caflou",
    "Forget the Caflou account of %1? Holub keeps your mail and filings and uses its "
    "local CRM; nothing is deleted in Caflou.": (
        "Zapomenout účet Caflou uživatele %1? Holub si ponechá vaši poštu i zařazení a "
        "použije své místní CRM; v Caflou se nic nesmaže."
    ),
    "Caflou is disconnected": "Caflou je odpojeno",
    "Caflou: sign in again (CRM › Connect Caflou…)": (
        "Caflou: přihlaste se znovu (CRM › Připojit Caflou…)"
    ),
    "Caflou: %1, last pull %2": "Caflou: %1, naposledy načteno %2",
    "never": "nikdy",
    "publishing…": "zveřejňuji…",
    "%1 waiting to publish": "%1 čeká na zveřejnění",
    "%1 refused by the CRM": "%1 odmítnuto CRM",
    "the %1 plan has no e-mail; %2 or higher has it": (
        "tarif %1 nemá e-maily; mají je tarify %2 a vyšší"
    ),
    # the mailbox settings' sentence (desktop/ui/mailbox_settings.py)
    "Filed mail is published to the CRM for the team; unfiled mail of a mailbox that is "
    "not shared is never published.": (
        "Zařazená pošta se zveřejňuje v CRM pro tým; nezařazená pošta schránky, která není "
        "sdílená, se nezveřejňuje nikdy."
    ),
    # the E-mails tab: colleagues' mail from the CRM
    "Filed by": "Zařadil(a)",
    "you": "vy",
    "Filed by %1 in the CRM": "V CRM zařadil(a) %1",
    "Colleagues' e-mails are hidden: the CRM gives you no right to read them.": (
        "E-maily kolegů jsou skryté: CRM vám nedává právo je číst."
    ),
    "Colleagues' e-mails could not be read: %1": "E-maily kolegů se nepodařilo načíst: %1",
    "publishing waits for the CRM": "zveřejnění čeká na CRM",
    # tasks: due date, state and assignee (desktop/ui/crm/task_text.py, object_view.py)
    "Done": "Splněno",
    "Not done": "Nesplněno",
    "Overdue": "Po termínu",
    "No due date": "Bez termínu",
    "Nobody": "Nikdo",
    "user #%1": "uživatel #%1",
    "due %1": "termín %1",
    "Due: %1": "Termín: %1",
    "State: %1": "Stav: %1",
    "Assignee: %1": "Řešitel: %1",
    "Due date": "Termín",
    "Due": "Termín",
    "State": "Stav",
    "Assignee": "Řešitel",
}
