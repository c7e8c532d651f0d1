"""Sanitiser timings: the hostile corpus, pathological inputs and 5 MB generated mails.

python bench/sanitize_bench.py      (no Qt; prints one line per figure, worst first)

Each input is sanitised ``--runs`` times (default 3) and the best run is reported,
as CPU time (process_time: what the sanitiser costs) and wall time (what a user
would wait on this machine, load included). Target (issue 11): any mail up to
5 MB of HTML sanitised in under 1 s.
"""

from __future__ import annotations

import argparse
import mailbox
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


def dense_5mb() -> str:
    """5 MB of small table cells, each with its own inline style, link and image."""
    parts, size, i = ["<table>"], 0, 0
    while size < 5 * MB:
        row = (
            f'<tr><td style="padding:{i % 97}px;color:#{i % 4096:03x}" class="c{i % 50}">'
            f'<a href="https://shop.example/p/{i}">Item {i} &amp; more</a> '
            f'<img src="https://img.example/{i}.png" width="10"></td></tr>\n'
        )
        parts.append(row)
        size += len(row)
        i += 1
    parts.append("</table>")
    return "".join(parts)


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
    args = parser.parse_args()

    results: list[tuple[str, str, int, float, float]] = []
    for path in corpus():
        html = path.read_text()
        results.append(("corpus", path.stem, len(html), *measure(html, args.runs)))
    for name, html in pathological().items():
        results.append(("pathological", name, len(html), *measure(html, args.runs)))
    for name, make in (("newsletter", newsletter_5mb), ("dense", dense_5mb)):
        html = make()
        results.append(("5MB", name, len(html), *measure(html, args.runs)))

    for group in ("corpus", "pathological", "5MB"):
        rows = [r for r in results if r[0] == group]
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


if __name__ == "__main__":
    main()
