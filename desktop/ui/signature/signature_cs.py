"""Czech for the signature editor and its preview, in the shape
scripts/update_translations.py's CZECH uses (English → Czech; merged by that script)."""

from __future__ import annotations

SIGNATURE_CZECH: dict[str, str | tuple[str, str, str]] = {
    "(a paragraph or the selected picture)": "(odstavec nebo vybraný obrázek)",
    "(no signature)": "(bez podpisu)",
    "1. List": "1. Seznam",
    "• List": "• Seznam",
    "Address:": "Adresa:",
    "Align left": "Zarovnat vlevo",
    "Align right": "Zarovnat vpravo",
    "As sent – dark": "Odeslaný – tmavý",
    "As sent – light": "Odeslaný – světlý",
    "B": "T",
    "I": "K",
    "U": "P",
    "Bold": "Tučně",
    "Italic": "Kurzíva",
    "Underline": "Podtržení",
    "Bulleted list": "Odrážkový seznam",
    "Numbered list": "Číslovaný seznam",
    "Centre": "Na střed",
    "Left": "Vlevo",
    "Right": "Vpravo",
    "Colour…": "Barva…",
    "Text colour": "Barva textu",
    "Edit link": "Upravit odkaz",
    "Link": "Odkaz",
    "Link…": "Odkaz…",
    "Remove link": "Odebrat odkaz",
    "Insert or edit a link": "Vložit nebo upravit odkaz",
    "Enter a web address (https://…) or an e-mail address.": (
        "Zadejte webovou adresu (https://…) nebo e-mailovou adresu."
    ),
    "Text:": "Text:",
    "what the reader sees, e.g. Firma s.r.o.": "co uvidí čtenář, např. Firma s.r.o.",
    "Font": "Písmo",
    "Font size": "Velikost písma",
    "Formatting": "Formátování",
    "Insert": "Vložit",
    "Insert a picture": "Vložit obrázek",
    "Insert a picture (logo) from a file": "Vložit obrázek (logo) ze souboru",
    "Insert the picture on the clipboard": "Vložit obrázek ze schránky",
    "Paste picture": "Vložit obrázek",
    "Picture…": "Obrázek…",
    "Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp)": (
        "Obrázky (*.png *.jpg *.jpeg *.gif *.bmp *.webp)"
    ),
    "There is no picture on the clipboard.": "Ve schránce není žádný obrázek.",
    "Larger": "Větší",
    "Smaller": "Menší",
    "Make the picture larger": "Zvětšit obrázek",
    "Make the picture smaller": "Zmenšit obrázek",
    "Picture {w} × {h} px, sent at this size: drag its edge, or + / -": (
        "Obrázek {w} × {h} px, odešle se v této velikosti: táhněte za okraj, nebo + / -"
    ),
    "Plain text": "Prostý text",
    "Undo": "Zpět",
    "Redo": "Znovu",
    "What recipients see: in a light and a dark mail reader, and as plain text": (
        "Co uvidí příjemci: ve světlém a tmavém poštovním programu a jako prostý text"
    ),
}
