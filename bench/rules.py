"""Rules must not slow the import (R15): the 10,000-message corpus through store_batch,
with 20 enabled rules (conditions of every kind, local actions) vs none.

The corpus is ../shared/bench/gen_corpus.py's mixed one (seed 42), parsed once up
front as the sync engine's process pool does, so what is timed is the serial part of
a first sync — insert, index, pairing, rules — in batches of the engine's size (250)
into a fresh profile. That is the strictest ratio: network and parsing, which rules do
not touch, are left out. Runs alternate (none, rules, none, rules, …) so machine load
hits both alike; the best run of each is reported.

    python bench/rules.py                 # 10,000 messages, 3 runs each
    python bench/rules.py --count 2000 --runs 1
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")

BATCH = 250  # desktop/sync/engine.py BATCH_SIZE

# Twenty rules: every kind of condition, local actions only (outside effects run
# after commit, in the background: not part of the import).
RULES: list[tuple[str, str, list[tuple[str, str | None]], bool]] = [
    ("invoices cz", "subject:faktura", [("label", "Faktury")], False),
    ("invoices en", "subject:invoice", [("label", "Invoices")], False),
    ("from domain", "from:cz", [("label", "Czech")], False),
    ("to someone", "to:novak", [("mark-read", None)], False),
    ("words", "projekt termín", [("label", "Projekty")], False),
    ("phrase", '"weekly status"', [("move", "Status")], False),
    ("attachment", "has:attachment", [("label", "Přílohy")], False),
    ("unread", "is:unread rozpočet", [("label", "Rozpočet")], False),
    ("starred", "is:starred", [("label", "Star")], False),
    ("old", "before:2020-01-01", [("delete", None)], False),
    ("recent", "after:2023-06-01 server", [("label", "Server")], False),
    ("company", "company:1", [("label", "Firma 1")], False),
    ("project", "project:1234", [("move", "Projekt 1234")], False),
    ("task", "task:4321", [("label", "Úkol")], False),
    ("filed", "filed:yes", [("label", "V CRM")], False),
    ("unfiled", "filed:no smlouva", [("label", "Nezařazené")], False),
    ("label", "label:faktury", [("move", "Účetnictví")], False),
    ("meeting", "subject:schůzka", [("mark-read", None), ("label", "Schůzky")], False),
    ("release", "release", [("label", "Release")], True),
    ("catch-all review", "review", [("label", "Review")], False),
]


def corpus(count: int) -> Path:
    maildir = Path(tempfile.gettempdir()) / f"holub-bench-rules-corpus-{count}"
    if not (maildir / "cur").exists() or len(list((maildir / "cur").iterdir())) != count:
        gen = None
        for candidate in (REPO.parent / "shared" / "bench", Path("/work/shared/bench")):
            if (candidate / "gen_corpus.py").exists():
                gen = candidate / "gen_corpus.py"
                break
        if gen is None:
            sys.exit("gen_corpus.py not found (../shared/bench)")
        subprocess.run(
            [sys.executable, str(gen), str(maildir), "-n", str(count), "--seed", "42"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return maildir


def prepared(maildir: Path) -> list:
    from desktop.sync import mime
    from desktop.sync.store import FetchedMessage, encode_raw

    items = []
    for n, path in enumerate(sorted((maildir / "cur").iterdir()), start=1):
        raw = path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        items.append(
            FetchedMessage(
                remote_id=str(n),
                raw=b"",
                uid=n,
                parsed=mime.parse(raw),
                blob=encode_raw(raw),
                size=len(raw),
            )
        )
    return items


def one_run(items: list, with_rules: bool, root: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, CPU seconds inside the rules step) of the import."""
    import datetime as dt

    from desktop.crm import local
    from desktop.crm import rules as crm_rules
    from desktop.models.db import close_store
    from desktop.models.mail import ROLE_INBOX, Folder, Mailbox
    from desktop.profile import open_profile
    from desktop.sync.store import store_batch

    open_profile(root)
    try:
        # Some CRM for pairing (both runs): companies over a few of the corpus domains.
        domains = sorted({i.parsed.from_addr.rpartition("@")[2] for i in items[:400]})
        for cid, domain in enumerate(domains[:30], start=1):
            local.add_company(f"Firma {cid}", f"info@{domain}", id=cid)
        local.add_project("Projekt", 1, id=1234)
        local.add_task("Úkol", 1234, None, id=4321)
        if with_rules:
            for name, query, actions, stop in RULES:
                crm_rules.add_rule(name, query, actions, applies="both", stop=stop)
        mb = Mailbox.create(name="bench", email="me@bench.example", import_from=dt.date(2000, 1, 1))
        folder = Folder.create(mailbox=mb, remote_name="INBOX", role=ROLE_INBOX)
        from desktop import pipeline

        # The installed pipeline, its rules step timed (CPU) in place.
        step_cpu = [0.0]
        steps = []
        for step in pipeline.active().steps:
            if step.name == "rules" and step.on_import is not None:
                inner = step.on_import

                def timed(mailbox, stored, inner=inner):
                    t0 = time.process_time()
                    try:
                        return inner(mailbox, stored)
                    finally:
                        step_cpu[0] += time.process_time() - t0

                step = dataclasses.replace(step, on_import=timed)
            steps.append(step)
        pipeline.install(pipeline.Pipeline(tuple(steps)))
        t, c = time.perf_counter(), time.process_time()
        for start in range(0, len(items), BATCH):
            store_batch(folder, items[start : start + BATCH])
        return time.perf_counter() - t, time.process_time() - c, step_cpu[0]
    finally:
        close_store()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    maildir = corpus(args.count)
    t = time.perf_counter()
    items = prepared(maildir)
    print(f"corpus: {len(items)} messages parsed in {time.perf_counter() - t:.1f} s (untimed)")
    times: dict[bool, list[float]] = {False: [], True: []}
    cpu: dict[bool, list[float]] = {False: [], True: []}
    in_rules: list[float] = []
    with tempfile.TemporaryDirectory(prefix="holub-bench-rules-") as tmp:
        for run in range(args.runs):
            for with_rules in (False, True):
                root = Path(tmp) / f"{run}-{int(with_rules)}"
                elapsed, spent, step = one_run(items, with_rules, root)
                times[with_rules].append(elapsed)
                cpu[with_rules].append(spent)
                if with_rules:
                    in_rules.append(step)
                print(
                    f"run {run + 1} {'20 rules' if with_rules else 'no rules'}: "
                    f"{len(items) / elapsed:,.0f} msgs/s wall ({elapsed:.2f} s), "
                    f"{len(items) / spent:,.0f} msgs/s CPU ({spent:.2f} s"
                    + (f", of it the rules step {step:.2f} s)" if with_rules else ")")
                )
        # What the rules did, from the last run with rules (a sanity check).
        from desktop.models.db import close_store
        from desktop.models.rules import MessageLabel, MessagePlacement, Rule
        from desktop.profile import open_profile

        open_profile(Path(tmp) / f"{args.runs - 1}-1")
        touched = sum(r.touched for r in Rule.select())
        labels, placed = MessageLabel.select().count(), MessagePlacement.select().count()
        close_store()
    n = len(items)
    none, rules = n / min(times[False]), n / min(times[True])
    none_cpu, rules_cpu = n / min(cpu[False]), n / min(cpu[True])
    print(
        f"store_batch (insert + FTS + pairing [+ rules]), best of {args.runs}:\n"
        f"  wall: no rules {none:,.0f} msgs/s, 20 rules {rules:,.0f} msgs/s = {rules / none:.0%}\n"
        f"  CPU:  no rules {none_cpu:,.0f} msgs/s, 20 rules {rules_cpu:,.0f} msgs/s "
        f"= {rules_cpu / none_cpu:.0%} (target ≥ 90%: "
        f"{'meets' if rules_cpu / none_cpu >= 0.9 else 'misses'}; the CPU figure is the one "
        f"a busy machine does not skew)\n"
        f"  the rules step itself: {n / min(in_rules):,.0f} msgs/s CPU; rules applied "
        f"{touched} times ({labels} labels, {placed} local folder placements)"
    )


if __name__ == "__main__":
    main()
