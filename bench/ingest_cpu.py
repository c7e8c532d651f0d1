"""CPU per imported message, stage by stage, on the path IMAP, Gmail and Graph share.

    python bench/ingest_cpu.py [-n 2000] [--profile-stage parse|store]

The shared mixed corpus (../shared/bench/gen_corpus.py, seed 42; CRLF as IMAP serves
it) goes through each stage of a first import on its own, and each stage's CPU time
(time.process_time of this process) is reported per message:

- parse: fastparse.parse as a pool worker runs it (boundary fast path installed);
- encode: store.encode_raw, the stored form of the raw message;
- pickle: a pool worker's results pickled and unpickled (both sides of the pipe);
- store: store_batch in batches of the engine's size (250) into a fresh profile with
  the default pipeline (insert, bodies, attachments, FTS, pairing, resume point);
- worker: CPU of starting one spawn pool worker and running its initializer (children).

CPU time, not wall time: helpers share the machine, and the load average is printed
beside the figures. ``--profile-stage`` prints a cProfile of one stage instead.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pickle
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")

BATCH = 250  # desktop/sync/engine.py BATCH_SIZE


def gen_corpus() -> Path:
    """gen_corpus.py from /work/main, a worktree under /work/wt, or ../shared/bench."""
    for base in (REPO.parent, REPO.parent.parent, Path("/work")):
        candidate = base / "shared" / "bench" / "gen_corpus.py"
        if candidate.exists():
            return candidate
    sys.exit("gen_corpus.py not found (../shared/bench)")


def corpus(count: int) -> list[bytes]:
    maildir = Path(tempfile.gettempdir()) / f"holub-bench-mixed-{count}"
    cur = maildir / "cur"
    if not cur.is_dir() or len(list(cur.iterdir())) != count:
        subprocess.run(
            [sys.executable, str(gen_corpus()), str(maildir), "-n", str(count), "--seed", "42"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return [
        p.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        for p in sorted(cur.iterdir())
    ]


def timed(fn, profile: bool):
    profiler = cProfile.Profile() if profile else None
    start = time.process_time()
    if profiler:
        profiler.enable()
    result = fn()
    if profiler:
        profiler.disable()
    spent = time.process_time() - start
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(35)
    return result, spent


def store_all(raws: list[bytes], parsed: list, blobs: list, root: Path, profile: bool) -> float:
    import datetime as dt

    from desktop.models.db import close_store
    from desktop.models.mail import ROLE_INBOX, Folder, Mailbox
    from desktop.profile import open_profile
    from desktop.sync.store import FetchedMessage, store_batch

    open_profile(root)
    try:
        mailbox = Mailbox.create(
            name="bench", email="me@bench.example", import_from=dt.date(2000, 1, 1)
        )
        folder = Folder.create(mailbox=mailbox, remote_name="INBOX", role=ROLE_INBOX)
        items = [
            FetchedMessage(remote_id=str(n), raw=b"", uid=n, parsed=p, blob=b, size=len(raw))
            for n, (raw, p, b) in enumerate(zip(raws, parsed, blobs, strict=True), start=1)
        ]

        def run() -> None:
            for start in range(0, len(items), BATCH):
                store_batch(
                    folder, items[start : start + BATCH], folder_updates={"last_uid": start}
                )

        return timed(run, profile)[1]
    finally:
        close_store()


def worker_start_cpu() -> float:
    """CPU seconds (children) of spawning one parse worker and running a trivial task."""
    from desktop.sync import fastparse
    from desktop.sync.providers import parse_pool

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with parse_pool.make_worker_pool(1) as pool:
        pool.submit(fastparse.parse, b"Subject: x\r\n\r\nhi\r\n").result()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=2000)
    parser.add_argument("--profile-stage", choices=("parse", "encode", "pickle", "store"))
    args = parser.parse_args()
    raws = corpus(args.count)
    n = len(raws)
    mean_kib = sum(map(len, raws)) / n / 1024

    from desktop.sync import fastparse
    from desktop.sync.store import encode_raw

    fastparse.install()  # as in the pool workers
    which = args.profile_stage
    parsed, parse_s = timed(lambda: [fastparse.parse(r) for r in raws], which == "parse")
    blobs, encode_s = timed(lambda: [encode_raw(r) for r in raws], which == "encode")

    def round_trip() -> int:
        size = 0
        for start in range(0, n, BATCH // 2):  # a worker's half of a batch per pickle
            half = slice(start, start + BATCH // 2)
            data = pickle.dumps(list(zip(parsed[half], blobs[half], strict=True)))
            size += len(data)
            pickle.loads(data)
        return size

    pickled, pickle_s = timed(round_trip, which == "pickle")
    with tempfile.TemporaryDirectory(prefix="holub-bench-ingest-") as tmp:
        store_s = store_all(raws, parsed, blobs, Path(tmp) / "profile", which == "store")
    worker_s = worker_start_cpu()
    ratio = sum(map(len, blobs)) / sum(map(len, raws))

    def ms(seconds: float) -> str:
        return f"{seconds / n * 1000:6.3f} CPU-ms/msg"

    total = parse_s + encode_s + pickle_s + store_s
    print(f"corpus: {n} messages, mean {mean_kib:.1f} KiB, load {os.getloadavg()[0]:.2f}")
    print(f"parse   {ms(parse_s)}")
    print(f"encode  {ms(encode_s)}  (stored/raw {ratio:.3f})")
    print(f"pickle  {ms(pickle_s)}  ({pickled / n / 1024:.1f} KiB/msg across the pipe)")
    print(f"store   {ms(store_s)}")
    print(f"sum     {ms(total)}  -> {n / total:,.0f} msgs per CPU-second")
    print(f"worker start-up: {worker_s:.3f} CPU-s per spawned parse worker")
    return 0


if __name__ == "__main__":
    sys.exit(main())
