"""RSS_TRACE=1 for the provider benches: the sync process's memory after each stored
batch (stderr), by kind (anonymous, file-backed, shared), to see what grows with an
import's size (bench/gmail_sync.py, bench/graph_sync.py)."""

from __future__ import annotations

import resource
import sys
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
