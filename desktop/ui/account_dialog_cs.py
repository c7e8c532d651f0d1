"""Czech for the Add mailbox dialog's type choice and sign-in, and Mailbox settings → Sign in
again, in the shape scripts/update_translations.py's CZECH uses (English → Czech)."""

from __future__ import annotations

ACCOUNT_DIALOG_CZECH: dict[str, str] = {
    "Mailbox type:": "Typ schránky:",
    "Google": "Google",
    "Outlook 365": "Outlook 365",
    "IMAP": "IMAP",
    "Sign in with Google": "Přihlásit se přes Google",
    "Sign in with Microsoft": "Přihlásit se přes Microsoft",
    "Cancel sign-in": "Zrušit přihlášení",
    "Sign in on another device with a code": "Přihlásit se na jiném zařízení pomocí kódu",
    "Sign-in": "Přihlášení",
    "Waiting for the sign-in in the browser…": "Čekám na přihlášení v prohlížeči…",
    "The sign-in was cancelled.": "Přihlášení bylo zrušeno.",
    "Signed in as %1.": "Přihlášeno jako %1.",
    "Save adds the mailbox.": "Uložením se schránka přidá.",
    "Sign in first.": "Nejprve se přihlaste.",
    "Checking the sign-in with the provider…": "Ověřuji přihlášení u poskytovatele…",
    "The sign-in of %1 has expired or was revoked: sign in again.": (
        "Přihlášení účtu %1 vypršelo nebo bylo odvoláno: přihlaste se znovu."
    ),
    "Sign in again": "Přihlásit se znovu",
    # The "needs sign-in" mark (folder tree, status bar).
    "needs sign-in": "vyžaduje přihlášení",
    "%1: the sign-in expired or was revoked. Sign in again.": (
        "%1: přihlášení vypršelo nebo bylo odvoláno. Přihlaste se znovu."
    ),
    "%1: Sign in again": "%1: Přihlásit se znovu",
    "The provider no longer accepts the sign-in of %1, so it is not synced. "
    "Click to sign in again.": (
        "Poskytovatel už nepřijímá přihlášení účtu %1, proto se nesynchronizuje. "
        "Klepnutím se přihlásíte znovu."
    ),
    # Add mailbox: the import date, presets and the DNS look-up, the CA file.
    "Holub imports existing mail from the last 7 days at most (from %1); "
    "older mail stays on the server. New mail always arrives.": (
        "Holub importuje existující poštu nejvýše za posledních 7 dní (od %1); "
        "starší pošta zůstává na serveru. Nová pošta přichází vždy."
    ),
    "Browse…": "Procházet…",
    "Looking up the servers of %1…": "Hledám servery domény %1…",
    "No server settings published for this domain: check the servers below.": (
        "Tato doména nezveřejňuje nastavení serverů: zkontrolujte servery níže."
    ),
    "Servers found in the domain's DNS records (RFC 6186).": (
        "Servery nalezeny v záznamech DNS domény (RFC 6186)."
    ),
    "Server settings for %1 filled in.": "Nastavení serverů pro %1 je vyplněno.",
    "Choosing %1 as the mailbox type signs in through the browser, without an app password.": (
        "Typ schránky %1 se přihlašuje přes prohlížeč, bez hesla pro aplikace."
    ),
    "CA certificate file": "Soubor certifikátu CA",
    "Certificates (*.pem *.crt *.cer)": "Certifikáty (*.pem *.crt *.cer)",
    "All files (*)": "Všechny soubory (*)",
}
