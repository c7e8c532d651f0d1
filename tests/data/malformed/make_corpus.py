"""Write the malformed-MIME corpus: one small .eml per way mail in the wild is broken.

Run ``python tests/data/malformed/make_corpus.py`` to regenerate the .eml files
beside this script (they are committed too; a test checks they match). Every
file must be imported whole by ``python main.py import`` and come out of
``export`` — never dropped, never a crash. Files are bytes on purpose: the
brokenness is in the bytes.
"""

from __future__ import annotations

import base64
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CZ = "Příliš žluťoučký kůň úpěl ďábelské ódy. Čeština"


def _headers(subject: bytes = b"Test", extra: bytes = b"") -> bytes:
    return (
        b"From: Jana Novakova <jana@example.cz>\r\n"
        b"To: petr@example.com\r\n"
        b"Date: Mon, 02 Nov 2026 10:00:00 +0100\r\n"
        b"Message-ID: <%s@corpus.example>\r\n"
        b"Subject: " + subject + b"\r\n" + extra
    )


def _mid(name: str) -> bytes:
    return name.encode()


def corpus() -> dict[str, bytes]:
    files: dict[str, bytes] = {}

    def add(name: str, data: bytes) -> None:
        files[name] = data.replace(b"%s", _mid(name), 1) if b"%s" in data else data

    # --- charsets ---------------------------------------------------------
    add(
        "charset-undeclared-cp1250.eml",
        _headers("Ne\u010ditelný p\u0159edm\u011bt".encode("cp1250"))
        + b"Content-Type: text/plain\r\n\r\n"
        + CZ.encode("cp1250")
        + b"\r\n",
    )
    add(
        "charset-iso-8859-2-declared-utf8.eml",
        _headers()
        + b"Content-Type: text/plain; charset=utf-8\r\n"
        + b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + CZ.encode("iso-8859-2")
        + b"\r\n",
    )
    add(
        "charset-utf8-declared-iso-8859-2.eml",
        _headers()
        + b"Content-Type: text/plain; charset=iso-8859-2\r\n"
        + b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + CZ.encode("utf-8")
        + b"\r\n",
    )
    add(
        "charset-utf8-declared-cp1250-qp.eml",
        _headers()
        + b"Content-Type: text/plain; charset=windows-1250\r\n"
        + b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        + b"P=C5=99=C3=ADli=C5=A1 =C5=BElu=C5=A5ou=C4=8Dk=C3=BD\r\n",
    )
    add(
        "charset-unknown-name.eml",
        _headers(b"=?x-no-such-charset?Q?Zpr=E1va?=")
        + b'Content-Type: text/plain; charset="x-no-such-charset"\r\n\r\n'
        + CZ.encode("utf-8")
        + b"\r\n",
    )
    add(
        "charset-bogus-quoting.eml",
        _headers()
        + b'Content-Type: text/plain; charset="utf-8\\""; format=flowed;;; =\r\n\r\n'
        + b"Body with a mangled Content-Type.\r\n",
    )
    add(
        "charset-utf16-encoded-word.eml",
        _headers(b"=?utf-16?B?" + base64.b64encode("Zpráva".encode("utf-16")) + b"?=")
        + b"Content-Type: text/plain; charset=utf-7\r\n\r\n"
        + b"Hi Mom -+Jjo--!\r\n",
    )
    # --- RFC 2047 encoded-words -------------------------------------------
    add(
        "ew-bad-base64.eml",
        _headers(b"=?utf-8?B?not*base64!!?= and =?utf-8?B?xx?=")
        + b"Content-Type: text/plain\r\n\r\nbody\r\n",
    )
    add(
        "ew-unterminated.eml",
        _headers(b"=?utf-8?Q?P=C5=99=C3=ADli=C5=A1 without an end")
        + b"Content-Type: text/plain\r\n\r\nbody\r\n",
    )
    add(
        "ew-cp1250-bytes-declared-utf8.eml",
        _headers(b"=?utf-8?Q?=E8e=9Atina?=") + b"Content-Type: text/plain\r\n\r\nbody\r\n",
    )
    add(
        "ew-unknown-encoding-letter.eml",
        _headers(b"=?utf-8?X?abc?= =?utf-8??abc?= =??Q?abc?=")
        + b"Content-Type: text/plain\r\n\r\nbody\r\n",
    )
    add(
        "ew-in-address-and-filename.eml",
        b"From: =?utf-8?Q?Ji=C5=99=C3=AD_=22Nov=C3=A1k=22?= <jiri@example.cz>\r\n"
        b"To: =?iso-8859-2?Q?Petr_=AEi=BEka?= <petr@example.com>, =?utf-8?B?!!?= <x@y.cz>\r\n"
        b"Subject: =?utf-8?Q?P=C5=99=C3=ADloha?=\r\n"
        b"Content-Type: multipart/mixed; boundary=b1\r\n\r\n"
        b"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee attached.\r\n"
        b"--b1\r\nContent-Type: application/pdf\r\n"
        b"Content-Disposition: attachment; filename*=x-bogus''%E8%9Aa.pdf\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n",
    )
    # --- structure ----------------------------------------------------------
    add(
        "multipart-missing-boundary-param.eml",
        _headers()
        + b"Content-Type: multipart/mixed\r\n\r\n"
        + b"--xyz\r\nContent-Type: text/plain\r\n\r\nlost part\r\n--xyz--\r\n",
    )
    add(
        "multipart-wrong-boundary.eml",
        _headers()
        + b'Content-Type: multipart/alternative; boundary="right"\r\n\r\n'
        + b"--wrong\r\nContent-Type: text/plain\r\n\r\nplain\r\n"
        + b"--wrong\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--wrong--\r\n",
    )
    add(
        "multipart-unterminated.eml",
        _headers()
        + b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        + b"--b\r\nContent-Type: text/plain\r\n\r\nfirst part\r\n"
        + b"--b\r\nContent-Type: application/octet-stream\r\n"
        + b"Content-Disposition: attachment; filename=cut.bin\r\n"
        + b"Content-Transfer-Encoding: base64\r\n\r\nAAECAwQFBgcI",
    )
    add(
        "multipart-no-parts.eml",
        _headers()
        + b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        + b"This is only a preamble.\r\n",
    )
    add(
        "multipart-empty-parts.eml",
        _headers()
        + b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        + b"--b\r\n--b\r\n\r\n--b\r\nContent-Type: text/plain\r\n--b--\r\n",
    )
    add(
        "content-type-garbage.eml",
        _headers() + b"Content-Type: text\r\n\r\nno subtype\r\n",
    )
    add(
        "content-type-slashes.eml",
        _headers() + b"Content-Type: ///;;;==\r\n\r\nweird type\r\n",
    )
    nested = b"From: deep@example.cz\r\nSubject: level 0\r\n\r\ninnermost body\r\n"
    for level in range(1, 60):
        nested = (
            b"From: deep@example.cz\r\nSubject: level %d\r\n" % level
            + b"Content-Type: message/rfc822\r\n\r\n"
            + nested
        )
    add("nested-rfc822-60-deep.eml", nested)
    for depth in (150, 1200):  # past Holub's walk limit; past Python's recursion limit
        deep = b"Content-Type: text/plain\r\n\r\ndeep text\r\n"
        for level in range(depth):
            b = b"b%d" % level
            deep = (
                b"Content-Type: multipart/mixed; boundary="
                + b
                + b"\r\n\r\n--"
                + b
                + b"\r\n"
                + deep
                + b"\r\n--"
                + b
                + b"--\r\n"
            )
        add(f"nested-multipart-{depth}-deep.eml", b"Subject: deep\r\n" + deep)
    add(
        "rfc822-empty-and-base64.eml",
        _headers()
        + b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        + b"--b\r\nContent-Type: message/rfc822\r\n\r\n"
        + b"--b\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.b64encode(b"Subject: inner\r\n\r\ninner body\r\n")
        + b"\r\n--b--\r\n",
    )
    # --- headers --------------------------------------------------------------
    add(
        "headers-raw-8bit-utf8.eml",
        'From: Jiří Novák <jiri@example.cz>\r\nTo: "Šárka, Ředitelka" <sarka@example.cz>\r\n'
        "Subject: Čeština v hlavičce bez kódování\r\nDate: Tue, 03 Nov 2026 08:00:00 +0000\r\n"
        "\r\nTělo\r\n".encode(),
    )
    add(
        "headers-raw-8bit-cp1250.eml",
        "From: Jiří Novák <jiri@example.cz>\r\nSubject: Čeština cp1250\r\n\r\nTělo\r\n".encode(
            "cp1250"
        ),
    )
    add(
        "headers-long-100k.eml",
        b"From: long@example.cz\r\n"
        + b"Subject: "
        + b"x" * 100_000
        + b"\r\n"
        + b"References: "
        + b" ".join(b"<%d@refs.example>" % i for i in range(1000))
        + b"\r\n"
        + b"X-Folded: "
        + b"\r\n ".join(b"word%d" % i for i in range(2000))
        + b"\r\n\r\nbody after long headers\r\n",
    )
    add(
        "headers-none.eml",
        b"Just some text that nobody wrapped in headers.\r\nSecond line.\r\n",
    )
    add(
        "headers-only-no-body.eml",
        b"From: a@example.cz\r\nSubject: no body and no blank line",
    )
    add("empty-file.eml", b"")
    add("empty-body.eml", _headers() + b"\r\n")
    add(
        "headers-line-without-colon.eml",
        b"From: a@example.cz\r\nThis line is not a header\r\nSubject: after junk\r\n\r\nbody\r\n",
    )
    add(
        "headers-duplicated.eml",
        b"From: one@example.cz\r\nFrom: two@example.cz\r\nSubject: first\r\nSubject: second\r\n"
        b"Message-ID: <a@x>\r\nMessage-ID: <b@x>\r\n\r\nbody\r\n",
    )
    add(
        "addresses-odd.eml",
        b'From: "Nov\\"ak, Jan (CEO)" <jan@example.cz>\r\n'
        b"To: undisclosed-recipients:;, <<<@@>>>, team: a@example.cz, b@example.cz;\r\n"
        b'Cc: "unbalanced <c@example.cz>, d@example.cz (comment (nested))\r\n'
        b"Reply-To: @@@\r\nSubject: odd addresses\r\n\r\nbody\r\n",
    )
    add(
        "message-id-odd.eml",
        b"From: a@example.cz\r\nMessage-ID: no angle brackets here\r\n"
        b"In-Reply-To: <x@y> <z@w>\r\nReferences: garbage <<<>>> <ok@ref>\r\n\r\nbody\r\n",
    )
    # --- dates ------------------------------------------------------------------
    add("date-missing.eml", b"From: a@example.cz\r\nSubject: no date\r\n\r\nbody\r\n")
    add(
        "date-nonsense.eml",
        b"From: a@example.cz\r\nDate: sometime last week\r\nSubject: bad date\r\n\r\nbody\r\n",
    )
    add(
        "date-out-of-range.eml",
        b"From: a@example.cz\r\nDate: Mon, 32 Foo 20261 25:61:99 +9999\r\nSubject: x\r\n\r\nb\r\n",
    )
    add(
        "date-year-zero.eml",
        b"From: a@example.cz\r\nDate: Sat, 01 Jan 0000 00:00:00 -1200\r\nSubject: y\r\n\r\nb\r\n",
    )
    add(
        "date-two-digit-year-no-zone.eml",
        b"From: a@example.cz\r\nDate: 3 Nov 26 8:00\r\nSubject: z\r\n\r\nb\r\n",
    )
    # --- transfer encodings -----------------------------------------------------
    add(
        "cte-invalid-base64.eml",
        _headers() + b"Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"This is !!! not base64 at all ===\r\n",
    )
    add(
        "cte-bad-quoted-printable.eml",
        _headers()
        + b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        + b"broken =ZZ escapes =C5=\r\nand a soft break =\r\n",
    )
    add(
        "cte-unknown.eml",
        _headers() + b"Content-Type: text/plain\r\nContent-Transfer-Encoding: 8bitt\r\n\r\n"
        b"unknown encoding name\r\n",
    )
    add(
        "cte-uuencode.eml",
        _headers() + b"Content-Type: text/plain\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\n"
        b"begin 644 a.txt\r\n#86)C\r\n`\r\nend\r\n",
    )
    # --- bytes ------------------------------------------------------------------
    add(
        "nul-bytes.eml",
        b"From: nul\x00@example.cz\r\nSubject: nul\x00in subject\r\n\r\nbody\x00with\x00nuls\r\n",
    )
    rng = random.Random(1234)
    add("binary-garbage.eml", bytes(rng.randrange(256) for _ in range(4096)))
    add(
        "binary-after-headers.eml",
        _headers()
        + b"Content-Type: text/plain\r\n\r\n"
        + bytes(rng.randrange(256) for _ in range(2048)),
    )
    add(
        "line-endings-mixed.eml",
        b"From: a@example.cz\rSubject: lone CR\nTo: b@example.cz\r\n\r\nline one\rline two\nline three\r\n",
    )
    add(
        "html-only-meta-charset.eml",
        _headers() + b"Content-Type: text/html\r\n\r\n"
        b'<html><head><meta charset="windows-1250"><title>t</title></head><body><p>'
        + "Dobrý den, čeština".encode("cp1250")
        + b"</p></body></html>\r\n",
    )
    return files


def write(target: Path = HERE) -> list[Path]:
    written = []
    for name, data in corpus().items():
        path = target / name
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for path in write(out):
        print(path.name)
