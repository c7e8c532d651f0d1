"""The stored form of a raw message (MessageBody.raw): always a zlib stream.

Its own module, importing nothing but zlib, so the parse pool's worker processes
can make the stored form without importing the store (peewee, the models, the
pipeline): a spawned worker's start-up is CPU a first import pays for.
"""

from __future__ import annotations

import zlib

# The zlib level of the stored form of messages below COMPRESS_BELOW: 0, stored blocks
# (a zlib stream all the same, so raw_source reads rows of every level alike, older
# level-1 rows included). Measured on the shared mixed corpus (bench/ingest_cpu.py):
# level 1 cost 0.18 CPU-ms per text message (mean 11 KB) for a 0.39 ratio, about a
# tenth of all the CPU a first import spends per message; level 0 costs 0.015 ms. The
# profile grows by ~10% on that corpus (its bytes are mostly attachments), the raw
# column of pure text mail ~2.6x. LEVEL = 1 gives back the smaller store.
LEVEL = 0
# Raw messages at least this big are stored at level 0 whatever LEVEL says: they are
# mostly base64 attachments, which zlib shrinks little at a high CPU cost.
COMPRESS_BELOW = 64 * 1024


def encode_raw(raw: bytes) -> bytes:
    """The stored form of a raw message (always a zlib stream; see store.raw_source)."""
    return zlib.compress(raw, LEVEL if len(raw) < COMPRESS_BELOW else 0)
