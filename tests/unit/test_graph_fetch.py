"""The pool processes' side of a Graph first import (graph_fetch.py) and its HTTP session."""

from __future__ import annotations

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
