"""Parsing and local-import throughput: messages/s for parsing alone (fastparse, as the
sync's parse workers run it) and for `import`.

    python bench/mime_import.py [MAILDIR_OR_DIR] [-n 2000]

Without a directory it writes the shared benchmark corpus (../shared/bench/gen_corpus.py,
profile "mixed", seed 42) to a temporary Maildir. The import runs as the CLI does
(`main.py import`) into a fresh profile, so it includes parsing, storing, indexing and
pairing; its peak RSS is the child's.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _gen_corpus() -> Path:
    """gen_corpus.py in ../shared/bench of /work/main, or of a worktree /work/wt/NAME."""
    for base in (REPO.parent, REPO.parent.parent):
        candidate = base / "shared" / "bench" / "gen_corpus.py"
        if candidate.exists():
            return candidate
    return REPO.parent / "shared" / "bench" / "gen_corpus.py"  # named in the error


GEN = _gen_corpus()


def message_files(source: Path) -> list[Path]:
    cur = source / "cur"
    root = cur if cur.is_dir() else source
    return sorted(p for p in root.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, help="Maildir or directory of messages")
    parser.add_argument("-n", "--count", type=int, default=2000)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="holub-bench-"))
    try:
        source = args.source
        if source is None:
            if not GEN.exists():
                parser.error(f"give a Maildir: {GEN} is not there to generate one")
            source = work / "maildir"
            subprocess.run(
                [sys.executable, str(GEN), "-n", str(args.count), str(source)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        files = message_files(source)[: args.count]
        raws = [p.read_bytes() for p in files]
        size_mb = sum(map(len, raws)) / 1e6

        from desktop.sync import fastparse

        fastparse.install()  # as the sync's parse workers run it
        start = time.perf_counter()
        for raw in raws:
            fastparse.parse(raw)
        parse_s = time.perf_counter() - start

        # The import wants .eml names: link the files into a directory.
        eml_dir = work / "eml"
        eml_dir.mkdir()
        for index, path in enumerate(files):
            (eml_dir / f"{index:06d}.eml").symlink_to(path.resolve())
        profile = work / "profile"
        start = time.perf_counter()
        command = [sys.executable, str(REPO / "main.py"), "--profile", str(profile)]
        subprocess.run(
            [*command, "import", "-q", str(eml_dir)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        import_s = time.perf_counter() - start
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

        n = len(raws)
        print(f"messages: {n} ({size_mb:.1f} MB)")
        print(f"fastparse:  {n / parse_s:8.0f} messages/s  ({size_mb / parse_s:.1f} MB/s)")
        print(
            f"import:     {n / import_s:8.0f} messages/s  ({import_s:.2f} s wall incl. start-up,"
            f" peak RSS {rss_mb:.0f} MiB)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
