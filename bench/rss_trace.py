"""Diagnostics of the provider benches (bench/gmail_sync.py, bench/graph_sync.py), on
stderr: RSS_TRACE=1 the sync process's memory after each stored batch, by kind
(anonymous, file-backed, shared), to see what grows with an import's size;
TRACEMALLOC=N where its Python memory went; PROFILE=FILE its cProfile."""

from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType


def _status() -> dict[str, str]:
    lines = Path("/proc/self/status").read_text().splitlines()
    return dict(line.split(":", 1) for line in lines)


def peak_rss_mib() -> float:
    """This process's own peak (VmHWM): ru_maxrss of a child started from a big parent
    carries the parent's high-water mark over."""
    try:
        return int(_status()["VmHWM"].split()[0]) / 1024
    except (OSError, KeyError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def trace_store_batches(module: ModuleType, unit: str) -> None:
    """Wrap ``module.store_batch`` so each call prints the RSS after it."""
    store_batch = module.store_batch

    def traced(folder, items, **kwargs):  # type: ignore[no-untyped-def]
        changes = store_batch(folder, items, **kwargs)
        status = _status()
        rss = int(status["VmRSS"].split()[0]) / 1024
        kinds = ", ".join(
            f"{k[3:].lower()} {int(status[k].split()[0]) / 1024:.0f}"
            for k in ("RssAnon", "RssFile", "RssShmem")
        )
        size = sum(len(getattr(item, "blob", None) or b"") for item in items)
        print(
            f"  {unit} of {len(items)} ({size / 2**20:.1f} MiB stored): RSS {rss:.0f} MiB"
            f" ({kinds}), peak so far {peak_rss_mib():.0f} MiB",
            file=sys.stderr,
        )
        return changes

    module.store_batch = traced


def timed_sync(sync: Callable[[], object]) -> float:
    """Run ``sync()`` and return its wall seconds; with TRACEMALLOC=N, where its Python
    memory went afterwards, and with PROFILE=FILE, its cProfile (CPU time of the
    calling thread: the waits are not the work) in FILE."""
    if os.environ.get("TRACEMALLOC"):
        import tracemalloc

        tracemalloc.start(int(os.environ["TRACEMALLOC"]))
    started = time.perf_counter()
    if os.environ.get("PROFILE"):
        import cProfile

        profiler = cProfile.Profile(time.thread_time)
        profiler.runcall(sync)
        profiler.dump_stats(os.environ["PROFILE"])
    else:
        sync()
    elapsed = time.perf_counter() - started
    if os.environ.get("TRACEMALLOC"):
        current, peak = tracemalloc.get_traced_memory()
        print(
            f"traced: now {current / 2**20:.1f} MiB, peak {peak / 2**20:.1f} MiB", file=sys.stderr
        )
        for stat in tracemalloc.take_snapshot().statistics("traceback")[:8]:
            print(f"{stat.size / 2**20:.1f} MiB in {stat.count} blocks", file=sys.stderr)
            for line in stat.traceback.format()[-12:]:
                print("   ", line, file=sys.stderr)
    return elapsed
