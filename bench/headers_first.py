"""Headers first (issue 7): how soon a first import of a 10,000-message mailbox shows.

Starts a private Dovecot with the shared bench's scripts (/work/shared/bench:
dovecot-up.sh, gen_corpus.py; its own directory and ports, so it never disturbs
another run of the shared bench), fills INBOX with the 10,000-message "mixed" corpus
(seed 42, as bench/first_sync.sh), then times in-process first syncs into an empty
profile, as the window's sync worker runs them (``engine.sync_mailbox``):

- first 50 rows: the first committed batch that brings the list to >= 50 rows, as
  the window hears it (desktop.changes.bus, where the change bridge listens), then
  the window's own list query (services.message_list) returning those rows;
- all rows: every message of the folder listed (its list row committed);
- fully indexed: the sync returned: every body stored, search index, pairing, rules;
  also as messages/s over the whole sync (the first-sync throughput), and the CPU
  seconds of the syncing process (the pool workers not included).

Both ways are timed in the same run, alternately: "headers first" (the default) and
"bodies only" (HOLUB_SYNC_HEADERS_FROM above N: the path before issue 7).

    python bench/headers_first.py               # N=10000 RUNS=2 WARMUP=1
    N=2000 RUNS=1 python bench/headers_first.py
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

N = int(os.environ.get("N", "10000"))
RUNS = int(os.environ.get("RUNS", "2"))
WARMUP = int(os.environ.get("WARMUP", "1"))
SEED = os.environ.get("SEED", "42")
SHARED = Path(os.environ.get("SHARED_BENCH", "/work/shared/bench"))
BENCH_DIR = Path(os.environ.get("HF_BENCH_DIR", "/tmp/bench-headers-first"))
IMAPS_PORT = os.environ.get("HF_IMAPS_PORT", "11993")
IMAP_PORT = os.environ.get("HF_IMAP_PORT", "11143")
FIRST_ROWS = 50


def _server_env() -> dict[str, str]:
    return {
        **os.environ,
        "BENCH_DIR": str(BENCH_DIR),
        "IMAPS_PORT": IMAPS_PORT,
        "IMAP_PORT": IMAP_PORT,
    }


def start_server() -> None:
    maildir = BENCH_DIR / "home" / "bench" / "Maildir"
    key = BENCH_DIR / "corpus.key"
    stop_server()
    if not key.exists() or key.read_text().strip() != f"{N}:mixed:{SEED}":
        shutil.rmtree(maildir, ignore_errors=True)
        stats = subprocess.run(
            [
                sys.executable,
                str(SHARED / "gen_corpus.py"),
                str(maildir),
                "-n",
                str(N),
                "--profile",
                "mixed",
                "--seed",
                SEED,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        (BENCH_DIR / "corpus.json").write_text(stats)
        key.write_text(f"{N}:mixed:{SEED}\n")
    # Not captured: the daemon keeps the pipe open, and run() would wait for it forever.
    subprocess.run(
        [str(SHARED / "dovecot-up.sh")],
        env=_server_env(),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    conf = str(BENCH_DIR / "dovecot.conf")
    subprocess.run(["doveadm", "-c", conf, "index", "-u", "bench", "INBOX"], check=True)


def stop_server() -> None:
    subprocess.run(
        [str(SHARED / "dovecot-down.sh")],
        env=_server_env(),
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def one_sync(headers_first: bool) -> dict[str, float]:
    from desktop import secrets
    from desktop.changes import bus
    from desktop.models.db import close_store
    from desktop.models.mail import Folder, Mailbox, Message
    from desktop.profile import open_profile
    from desktop.services import listing
    from desktop.sync import engine

    if headers_first:
        os.environ.pop(engine.HEADERS_ENV, None)
    else:
        os.environ[engine.HEADERS_ENV] = str(N + 1)
    root = Path(tempfile.mkdtemp(prefix="holub-hf-"))
    open_profile(root / "profile")
    mailbox = Mailbox.create(
        name="bench",
        email="bench@bench.example",
        username="bench",
        import_from=date(2000, 1, 1),
        imap_host="127.0.0.1",
        imap_port=int(IMAPS_PORT),
        imap_security="ssl",
        smtp_host="127.0.0.1",
        cafile=str(BENCH_DIR / "cert.pem"),
    )
    secrets.set_secret(secrets.MAILBOX_PASSWORD, mailbox.id, "benchpass")
    listed = 0
    marks: dict[str, float] = {}
    started = time.perf_counter()
    cpu_started = time.process_time()

    def hear(changes) -> None:
        nonlocal listed
        listed += len(changes.added)
        now = time.perf_counter() - started
        if listed >= FIRST_ROWS and "first_rows_bus" not in marks:
            marks["first_rows_bus"] = now
            # What the window then asks the store for: the folder's first page of rows.
            folder = Folder.get(Folder.mailbox == mailbox.id, Folder.role == "inbox")
            rows = listing.load_rows(listing.FolderSource(folder.id).more(FIRST_ROWS))
            marks["first_rows_listed"] = time.perf_counter() - started
            if len(rows) < FIRST_ROWS:
                raise AssertionError("the list query saw fewer rows than the bus announced")
        if listed >= N and "all_rows" not in marks:
            marks["all_rows"] = now

    unsubscribe = bus.subscribe(hear)
    try:
        engine.sync_mailbox(mailbox.id)
        marks["indexed"] = time.perf_counter() - started
        # CPU of this process (every thread; the pool workers are not in it): on a busy
        # machine the figure to compare, as wall-clock times swing with the load.
        marks["main_cpu"] = time.process_time() - cpu_started
        assert Message.select().count() == N, Message.select().count()
        pending = Message.select().where(Message.snippet == "").count()
        marks["empty_snippets"] = pending
    finally:
        unsubscribe()
        close_store()
        shutil.rmtree(root, ignore_errors=True)
    return marks


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    os.environ.setdefault("XDG_DATA_HOME", str(BENCH_DIR / "xdg"))
    start_server()
    corpus = json.loads((BENCH_DIR / "corpus.json").read_text())
    print(f"corpus: {corpus}; load average before: {_load()}", flush=True)
    results: dict[bool, list[dict[str, float]]] = {True: [], False: []}
    try:
        for run in range(WARMUP + RUNS):
            for mode in (True, False):
                marks = one_sync(mode)
                name = "headers first" if mode else "bodies only"
                print(
                    f"{'warmup' if run < WARMUP else 'run'} {name:13}: "
                    + ", ".join(f"{k} {v:.2f}" for k, v in marks.items())
                    + f"  (load {_load()})",
                    flush=True,
                )
                if run >= WARMUP:
                    results[mode].append(marks)
    finally:
        stop_server()
    print(f"\nN={N}, median of {RUNS} runs (seconds from the start of the sync):")
    for mode in (True, False):
        runs = results[mode]
        name = "headers first" if mode else "bodies only  "

        def med(key: str, runs=runs) -> float:
            return statistics.median(r[key] for r in runs)

        print(
            f"{name}: first {FIRST_ROWS} rows {med('first_rows_listed'):6.2f} s  "
            f"all rows {med('all_rows'):6.2f} s  fully indexed {med('indexed'):6.2f} s  "
            f"({N / med('indexed'):5.0f} msgs/s; main process CPU {med('main_cpu'):5.2f} s)"
        )
    print(f"load average after: {_load()} (2 cores)")


if __name__ == "__main__":
    main()
