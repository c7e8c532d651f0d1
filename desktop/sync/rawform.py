"""The stored form of a raw message (MessageBody.raw): always a zlib stream.

Its own module, importing nothing but zlib, so the parse pool's worker processes
can make the stored form without importing the store (peewee, the models, the
pipeline): a spawned worker's start-up is CPU a first import pays for.
"""

from __future__ import annotations

import zlib

# Raw messages at least this big are stored without compression (zlib level
# 0, still a zlib stream): they are mostly base64 attachments, which zlib
# shrinks little at a high CPU cost. Smaller ones (text) shrink 3-4x at level 1.
COMPRESS_BELOW = 64 * 1024


def encode_raw(raw: bytes) -> bytes:
    """The stored form of a raw message (always a zlib stream; see store.raw_source)."""
    return zlib.compress(raw, 1 if len(raw) < COMPRESS_BELOW else 0)
