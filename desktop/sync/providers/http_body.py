"""Reading a whole HTTP answer in one call (Gmail's and Graph's batch answers).

requests reads a body 10 KiB at a time through four layers of Python; a batch answer
of fifty raw messages is ~3 MB, so that loop cost a quarter of a first import's fetch
time. The callers ask with ``stream=True`` and read the body here in one go instead.
"""

from __future__ import annotations

import requests
import urllib3


def read_whole(response: requests.Response) -> requests.Response:
    """``response`` with its body read, as requests leaves it without ``stream=True``.

    A connection cut in the middle of the body is a ``requests.ConnectionError`` (a
    ``RequestException``, as requests reports it itself), so the callers' retry rules
    for a dropped connection apply unchanged. Once the body is read, urllib3 returns
    the connection to the pool (keep-alive stays).
    """
    try:
        body = response.raw.read(decode_content=True)
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        response.close()
        raise requests.ConnectionError(exc, response=response) from exc
    # What requests' ``content`` property sets after reading (documented attributes
    # of its Response are read-only; these two are the cache behind them).
    response._content = body
    response._content_consumed = True
    return response
