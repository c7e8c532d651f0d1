"""Czech for the Sharing tab and the "Shared with me" tree (English → Czech; merged by
scripts/update_translations.py)."""

from __future__ import annotations

SHARING_CZECH: dict[str, str | tuple[str, str, str]] = {
    "Sharing": "Sdílení",
    "Colleagues of the Caflou account can open this mailbox in their Holub. Read: open, "
    "read and search. Read+Write: also reply, forward, file and delete (in Caflou; your "
    "mail server is never changed). A shared mailbox publishes all its mail in the import "
    "window to Caflou, not only filed mail.": (
        "Kolegové z účtu Caflou mohou tuto schránku otevřít ve svém Holubovi. Čtení: "
        "otevřít, číst a hledat. Čtení i zápis: navíc odpovídat, přeposílat, zařazovat a "
        "mazat (v Caflou; váš poštovní server se nikdy nemění). Sdílená schránka publikuje "
        "do Caflou všechnu poštu z období importu, nejen zařazenou."
    ),
    "Colleague": "Kolega",
    "Access": "Přístup",
    "Not shared": "Nesdíleno",
    "Read": "Čtení",
    "Read+Write": "Čtení i zápis",
    "Save sharing": "Uložit sdílení",
    "Sharing goes through Caflou: connect Caflou first (CRM menu).": (
        "Sdílení jde přes Caflou: nejprve připojte Caflou (nabídka CRM)."
    ),
    "The Caflou account has no other users (Pull now fetches them).": (
        "Účet Caflou nemá další uživatele (Stáhnout nyní je načte)."
    ),
    "Writing the sharing to Caflou…": "Zapisuji sdílení do Caflou…",
    "Shared with %n colleague(s).": (
        "Sdíleno s %n kolegou.",
        "Sdíleno s %n kolegy.",
        "Sdíleno s %n kolegy.",
    ),
    "Not shared with anyone.": "Nesdíleno s nikým.",
    "Shared with me": "Sdíleno se mnou",
    "Mailboxes colleagues shared with you through Caflou": (
        "Schránky, které s vámi kolegové sdílejí přes Caflou"
    ),
    "Shared by %1; you can only read it": "Sdílí %1; můžete ji jen číst",
    "Shared by %1; you can read and act on it": "Sdílí %1; můžete ji číst i s ní pracovat",
    "The mailbox is shared with you to read only": "Schránka je s vámi sdílena jen ke čtení",
}
