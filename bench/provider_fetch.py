"""CPU per message of fetching raw messages from Gmail and Graph, without parsing.

The first-import benches (gmail_sync.py, graph_sync.py) run the whole pipeline on a
shared machine, where the CPU time of each part swings by a third with the load.
This one times only the fetch part (HTTPS, batch answer, JSON, base64) in this
process, against each stand-in running in a child process, several rounds in a
row, so two versions can be compared in the same minutes:

    python bench/provider_fetch.py          # N=1000 messages of the mixed corpus
    N=2000 ROUNDS=5 python bench/provider_fetch.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

N = int(os.environ.get("N", "1000"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))


def _corpus(root: Path) -> list[bytes]:
    gen = next(
        (
            base / "shared" / "bench" / "gen_corpus.py"
            for base in (REPO.parent, REPO.parent.parent, Path("/work"))
            if (base / "shared" / "bench" / "gen_corpus.py").exists()
        ),
        None,
    )
    if gen is None:
        raise SystemExit("needs ../shared/bench/gen_corpus.py")
    maildir = root / "corpus"
    if not maildir.exists():
        subprocess.run(
            [sys.executable, str(gen), str(maildir), "-n", str(N)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return [
        p.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        for p in sorted((maildir / "cur").iterdir())
    ]


def serve(kind: str, root: Path) -> None:
    """The child: the stand-in with the corpus; its address etc. as JSON on stdout."""
    from tests.servers.tls import make_ca

    raws = _corpus(root)
    if kind == "gmail":
        from tests.servers.google import GoogleServer

        server = GoogleServer(make_ca(root / "ca-g")).start()
        for raw in raws:
            server.state.add_message(raw, ["INBOX"], when=time.time() - 60)
        info = {
            "env": server.environment(),
            "ca": str(server.ca.ca_file),
            "grant": server.grant(),
            "ids": list(server.state.messages),
        }
    else:
        from tests.servers.microsoft import MicrosoftServer

        server = MicrosoftServer(make_ca(root / "ca-m"))
        ids = [server.state.add_message(raw) for raw in raws]
        server.start()
        token = server.state.issue_tokens(server.url, "Mail.Read", None)["access_token"]
        info = {"graph": server.graph, "ca": str(server.ca.ca_file), "token": token, "ids": ids}
    print(json.dumps(info), flush=True)
    sys.stdin.readline()
    server.stop()


def _rounds(fetch, ids: list[str], step: int) -> list[float]:
    fetch(ids[:step])  # connections and tokens ready
    out = []
    for _ in range(ROUNDS):
        started = time.process_time()
        got = sum(len(fetch(ids[i : i + step])) for i in range(0, len(ids), step))
        out.append((time.process_time() - started) * 1000 / got)
    return out


def measure(kind: str, info: dict) -> list[float]:
    os.environ["SSL_CERT_FILE"] = os.environ["REQUESTS_CA_BUNDLE"] = info["ca"]
    if kind == "gmail":
        from google.oauth2.credentials import Credentials

        from desktop.sync.providers.gmail_api import GmailClient

        env = info["env"]
        client = GmailClient(
            Credentials(
                token=None,
                refresh_token=info["grant"],
                token_uri=env["HOLUB_GOOGLE_TOKEN_URI"],
                client_id=env["HOLUB_GOOGLE_CLIENT_ID"],
                client_secret=env["HOLUB_GOOGLE_CLIENT_SECRET"],
            ),
            env["HOLUB_GMAIL_API"],
        )
        return _rounds(client.fetch_raw, info["ids"], 250)  # a pool worker's batch

    from desktop.sync.providers.graph_api import GraphApi

    class Token:
        def token(self) -> str:
            return info["token"]

        def refresh(self, stale: str) -> str:
            return info["token"]

    api = GraphApi(info["graph"], Token())
    return _rounds(api.raw_messages, info["ids"], 100)  # one delta page


def main() -> int:
    root = Path(tempfile.mkdtemp(prefix="holub-fetch-bench-"))
    _corpus(root)
    for kind in ("gmail", "graph"):
        child = subprocess.Popen(
            [sys.executable, __file__, "--serve", kind, str(root)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdin is not None and child.stdout is not None
        info = json.loads(child.stdout.readline())
        try:
            figures = measure(kind, info)
        finally:
            child.stdin.write("\n")
            child.stdin.flush()
            child.wait(timeout=30)
        print(
            f"{kind}: fetch of {len(info['ids'])} mixed messages, CPU-ms per message by "
            f"round: {', '.join(f'{f:.3f}' for f in figures)} (load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
        )
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2], Path(sys.argv[3]))
        sys.exit(0)
    sys.exit(main())
