"""The pool processes' side of a Graph first import (graph_fetch.py) and its HTTP session."""

from __future__ import annotations

import base64
import pickle
import subprocess
import sys

from desktop.sync.providers import graph_fetch


def test_pool_processes_import_no_store():
    # A spawned pool process imports what graph_fetch imports: no peewee, no Qt, no msal.
    code = (
        "import sys, desktop.sync.providers.parse_pool, desktop.sync.providers.graph_fetch\n"
        "bad = [m for m in ('peewee', 'PySide6', 'desktop.sync.store', 'msal')"
        " if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_chunks_are_within_the_batch_limit_and_even():
    ids = [str(n) for n in range(50)]
    parts = graph_fetch.chunks(ids)
    assert [len(p) for p in parts] == [17, 17, 16]
    assert [i for p in parts for i in p] == ids
    assert [len(p) for p in graph_fetch.chunks(ids[:40])] == [20, 20]
    assert [len(p) for p in graph_fetch.chunks(ids[:7])] == [7]
    assert graph_fetch.chunks([]) == []


def test_a_stale_token_crosses_the_process_boundary():
    # What a pool process raises on a 401 reaches the sync thread with its token.
    again = pickle.loads(pickle.dumps(graph_fetch.StaleToken("abc")))
    assert isinstance(again, graph_fetch.StaleToken) and again.token == "abc"
    # ... but no text made of it (a traceback, a log line) shows the token.
    assert "abc" not in str(again) and "abc" not in repr(again)
    job = graph_fetch.Job("https://graph.example/v1.0", "abc", (("m1",),))
    assert "abc" not in repr(job)


def test_rows_leave_out_messages_gone_from_the_server():
    raw = b"Subject: hi\r\nMessage-ID: <a@b>\r\n\r\nbody\r\n"
    rows = graph_fetch.rows(["a", "b"], {"a": raw, "b": None})
    assert [(r[0], r[1]) for r in rows] == [("a", len(raw))]
    assert rows[0][2].subject == "hi"


def test_the_session_reads_proxies_and_ca_bundle_from_the_environment_once(monkeypatch):
    from desktop.sync.providers.graph_api import GraphApi

    for name in ("NO_PROXY", "no_proxy", "https_proxy", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/holub-test/ca.pem")
    api = GraphApi("https://graph.example/v1.0", graph_fetch._JobToken("t"))
    assert api.http.proxies.get("https") == "http://proxy.example:3128"
    assert api.http.verify == "/etc/holub-test/ca.pem"
    monkeypatch.setenv("NO_PROXY", "graph.example")  # this host bypasses the proxy
    assert "https" not in GraphApi("https://graph.example/v1.0", None).http.proxies  # type: ignore[arg-type]


def _answer(bodies: list, *, compact: bool = False) -> bytes:
    import json

    responses = []
    for n, body in enumerate(bodies):
        if isinstance(body, bytes):
            item = {"id": str(n), "status": 200, "headers": {"Content-Type": "text/plain"}}
            item["body"] = base64.b64encode(body).decode()
        else:
            item = {"id": str(n), "status": 404, "headers": {}, "body": body}
        responses.append(item)
    separators = (",", ":") if compact else (", ", ": ")
    return json.dumps({"responses": responses}, separators=separators).encode()


def _bodies(doc) -> list:
    from desktop.sync.providers.graph_api import _batch_body

    return [
        _batch_body(item["body"]) if item["status"] == 200 else item["body"]
        for item in doc["responses"]
    ]


def test_batch_answer_decodes_big_bodies_straight_from_the_bytes():
    from desktop.sync.providers.graph_api import batch_answer

    mime = [bytes(range(256)) * 40 + b"%d" % n for n in range(3)]
    error = {"error": {"code": "ErrorItemNotFound", "message": "Not found."}}
    for compact in (False, True):
        doc = batch_answer(_answer([mime[0], error, mime[1], b"tiny", mime[2]], compact=compact))
        assert all(isinstance(doc["responses"][n]["body"], bytes) for n in (0, 2, 4))
        assert _bodies(doc) == [mime[0], error, mime[1], b"tiny", mime[2]]


def test_batch_answer_leaves_what_does_not_fit_to_the_json_parser():
    import json

    from desktop.sync.providers.graph_api import batch_answer

    mime = bytes(range(256)) * 40
    # An escaped slash (JSON allows "\/"): parsed as JSON, decoded as before.
    escaped = _answer([mime, mime]).replace(b"/", b"\\/")
    assert _bodies(batch_answer(escaped)) == [mime, mime]
    # A "body" key that is not a response's body (here inside headers).
    odd = json.loads(_answer([mime]))
    odd["responses"][0]["headers"]["body"] = "QUJD" * 100
    doc = batch_answer(json.dumps(odd).encode())
    assert _bodies(doc) == [mime] and doc["responses"][0]["headers"]["body"] == "QUJD" * 100
    # A body string of Graph's that looks like a placeholder.
    odd = json.loads(_answer([mime, {}]))
    odd["responses"][1]["body"] = "\x000"
    doc = batch_answer(json.dumps(odd).encode())
    assert _bodies(doc)[0] == mime and doc["responses"][1]["body"] == "\x000"
    # Not JSON at all.
    assert batch_answer(b"<html>busy</html>") is None and batch_answer(b"") is None
