"""Sanitiser timings: the hostile corpus, pathological inputs and 5 MB generated mails.

python bench/sanitize_bench.py      (no Qt; prints one line per figure, worst first)
python bench/sanitize_bench.py --generated-only --only deep_stray dense   (some 5 MB mails)

Each input is sanitised ``--runs`` times (default 3) and the best run is reported,
as CPU time (process_time: what the sanitiser costs) and wall time (what a user
would wait on this machine, load included). Target (issue 11): any mail up to
5 MB of HTML sanitised in under 1 s. The generated 5 MB mails (GENERATED) are the
hard shapes: deep nesting (unclosed, closed, stray end tags, end tags hidden in
comments; 40,000 deep at the start, middle or end of dense cells, or after many
nests just under the bound), many distinct tags, many attributes, huge CSS, many
URLs, long text. The load average is printed with the figures (CPU time is what to
compare on a shared machine).
"""

from __future__ import annotations

import argparse
import mailbox
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.render.sanitize import sanitize  # noqa: E402
from desktop.sync import mime  # noqa: E402
from tests.hostile import corpus  # noqa: E402

MB = 1024 * 1024


def newsletter_5mb() -> str:
    """The demo mailbox's HTML mails repeated to 5 MB: what big real mail looks like."""
    raws = [m.as_bytes() for m in mailbox.mbox(str(REPO / "resources/demo/demo.mbox"))]
    htmls = [p.html for p in (mime.parse(r) for r in raws) if p.html]
    one = "".join(htmls)
    return (one * (5 * MB // len(one) + 1))[: 5 * MB]


def _dense(size: int) -> str:
    """``size`` characters of small table cells, each with its own inline style, link
    and image (a whole table)."""
    parts, length, i = ["<table>"], 0, 0
    while length < size:
        row = (
            f'<tr><td style="padding:{i % 97}px;color:#{i % 4096:03x}" class="c{i % 50}">'
            f'<a href="https://shop.example/p/{i}">Item {i} &amp; more</a> '
            f'<img src="https://img.example/{i}.png" width="10"></td></tr>\n'
        )
        parts.append(row)
        length += len(row)
        i += 1
    parts.append("</table>")
    return "".join(parts)


def dense_5mb() -> str:
    """5 MB of small table cells, each with its own inline style, link and image."""
    return _dense(5 * MB)


# 40,000 elements deep, in the dense mail (the hardest ordinary shape) at one place:
# libxml2 would search them for each end tag, so this part alone is bounded.
DEEP_OPEN = "<div><span>" * 20_000 + "deep"
DEEP_CLOSED = DEEP_OPEN + "</span></div>" * 20_000


def deep_end_5mb() -> str:
    """4.8 MB of dense cells, then 40,000 elements deep that never close."""
    return _dense(5 * MB - len(DEEP_OPEN)) + DEEP_OPEN


def deep_start_5mb() -> str:
    """40,000 elements deep that close again, then dense cells."""
    return DEEP_CLOSED + _dense(5 * MB - len(DEEP_CLOSED))


def deep_middle_5mb() -> str:
    """Dense cells, 40,000 elements deep that close again, dense cells."""
    half = (5 * MB - len(DEEP_CLOSED)) // 2
    return _dense(half) + DEEP_CLOSED + _dense(half)


def shallow_then_deep_5mb() -> str:
    """1 MB of nesting 240 deep (just under the bound, closed each time), dense
    cells, then 40,000 elements deep that never close."""
    shallow = ("<div><span>" * 120 + "s" + "</span></div>" * 120) * 180
    return shallow + _dense(5 * MB - len(shallow) - len(DEEP_OPEN)) + DEEP_OPEN


def _fill(unit, head: str = "", tail: str = "") -> str:
    """``head`` + ``unit(i)`` for i = 0, 1, ... until 5 MB + ``tail``."""
    parts, size, i = [head], len(head), 0
    while size < 5 * MB:
        piece = unit(i)
        parts.append(piece)
        size += len(piece)
        i += 1
    parts.append(tail)
    return "".join(parts)


def deep_unclosed_5mb() -> str:
    """Start tags never closed: nesting as deep as the mail is long (a hang attempt)."""
    tags = ("div", "b", "span", "font", "td", "p", "i", "li")
    return _fill(lambda i: f"<{tags[i % len(tags)]}>x{i} ")


def deep_closed_5mb() -> str:
    """Blocks nested 20,000 deep and closed again, one after the other."""
    depth = 20_000
    return _fill(lambda i: "<div><span>" * depth + f"t{i}" + "</span></div>" * depth)


def deep_stray_5mb() -> str:
    """Deep nesting followed by end tags that match nothing (the end-tag search)."""
    return "<b>" * 100_000 + _fill(lambda i: f"</i></span>{i}")


def deep_again_5mb() -> str:
    """Nesting 2,700 deep with stray end tags, closed again, every 35 kB: each time
    the parse is tried on the mail's own text again, it goes too deep again."""
    block = "<b>" * 2_700 + "</i>" * 2_000 + "</b>" * 2_700 + "<p>x</p>" * 200
    return _fill(lambda i: block)


def deep_in_comments_5mb() -> str:
    """Each end tag hidden in a comment: a naive tag counter thinks nothing nests."""
    return _fill(lambda i: f"<div><!--</div>-->x{i}")


def distinct_tags_5mb() -> str:
    """Every element a different one: its own class, id and style (nothing repeats)."""
    return _fill(
        lambda i: f'<span class="c{i}" id="i{i}" style="margin:{i}px">w{i}</span> ',
        head="<div>",
        tail="</div>",
    )


def many_attributes_5mb() -> str:
    """Elements carrying hundreds of attributes each (allowed, unknown and handlers)."""
    attrs = " ".join(f'data-a{j}="v{j}" onclick{j}="x()" title="t{j}"' for j in range(300))
    return _fill(lambda i: f'<td {attrs} width="{i}">x</td>', head="<table><tr>")


def huge_css_5mb() -> str:
    """One 5 MB <style> of distinct rules, and style attributes as long."""
    rule = "#m{0} .c{0} > a:hover, td.x{0} {{ color: #{1:03x}; margin: {0}px; font: 12px Arial }}\n"
    return "<style>" + _fill(lambda i: rule.format(i, i % 4096)) + "</style><p>body</p>"


def many_urls_5mb() -> str:
    """Distinct remote images, backgrounds, srcsets and links: every one recorded."""
    return _fill(
        lambda i: (
            f'<img src="https://i.example/{i}.png" srcset="https://i.example/{i}@2x.png 2x">'
            f'<td background="http://b.example/{i}.gif"><a href="https://l.example/{i}">l</a></td>'
        )
    )


def long_text_5mb() -> str:
    """Text runs with entities and stray '<', '&' (each one a run of 100 kB)."""
    run = ("Lorem ipsum &amp; dolor < sit &#169; amet, a > b && c ") * 2000
    return _fill(lambda i: f"<p>{run}</p>")


GENERATED = {
    "newsletter": newsletter_5mb,
    "dense": dense_5mb,
    "deep_unclosed": deep_unclosed_5mb,
    "deep_closed": deep_closed_5mb,
    "deep_stray": deep_stray_5mb,
    "deep_in_comments": deep_in_comments_5mb,
    "deep_again": deep_again_5mb,
    "deep_end": deep_end_5mb,
    "deep_start": deep_start_5mb,
    "deep_middle": deep_middle_5mb,
    "shallow_then_deep": shallow_then_deep_5mb,
    "distinct_tags": distinct_tags_5mb,
    "many_attributes": many_attributes_5mb,
    "huge_css": huge_css_5mb,
    "many_urls": many_urls_5mb,
    "long_text": long_text_5mb,
}


def pathological() -> dict[str, str]:
    from tests.unit.test_sanitize import PATHOLOGICAL

    return dict(PATHOLOGICAL)


def measure(html: str, runs: int) -> tuple[float, float]:
    best_cpu = best_wall = float("inf")
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        sanitize(html)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return best_cpu, best_wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="only these generated 5 MB mails")
    parser.add_argument("--generated-only", action="store_true", help="skip the corpus")
    args = parser.parse_args()

    load_before = os.getloadavg()
    results: list[tuple[str, str, int, float, float]] = []
    for path in [] if args.generated_only else corpus():
        html = path.read_text()
        results.append(("corpus", path.stem, len(html), *measure(html, args.runs)))
    for name, html in {} if args.generated_only else pathological().items():
        results.append(("pathological", name, len(html), *measure(html, args.runs)))
    for name, make in GENERATED.items():
        if args.only and name not in args.only:
            continue
        html = make()
        results.append(("5MB", name, len(html), *measure(html, args.runs)))

    for group in ("corpus", "pathological", "5MB"):
        rows = [r for r in results if r[0] == group]
        if not rows:
            continue
        worst = max(rows, key=lambda r: r[3])
        print(
            f"{group}: worst {worst[1]} ({worst[2] / 1024:.0f} kB) "
            f"cpu {worst[3] * 1000:.0f} ms, wall {worst[4] * 1000:.0f} ms "
            f"over {len(rows)} inputs"
        )
    for _, name, size, cpu, wall in (r for r in results if r[0] == "5MB"):
        print(
            f"5 MB {name}: {size / MB:.1f} MB cpu {cpu * 1000:.0f} ms, wall {wall * 1000:.0f} ms "
            f"({size / cpu / 1e6:.1f} MB/s)"
        )
    load = ", ".join(f"{a:.1f}" for a in load_before + os.getloadavg())
    print(f"load average (1, 5, 15 min) before and after: {load}")


if __name__ == "__main__":
    main()
