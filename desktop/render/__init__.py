"""Turning a stored message into what the reader shows (pure Python, no Qt).

- ``sanitize``: the allow-list HTML sanitiser (no script, no network URL before consent).
- ``text``: the plain-text view (escaped, linkified) and the header block.
- ``message``: the store reads the reader needs (a fixed number of queries per message).
- ``document``: the one HTML document the reader loads and ``holub show --html`` prints.
"""
