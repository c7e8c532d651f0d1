"""Gmail first import and nothing-new sync against the local stand-in (issue 8).

The stand-in for Google (tests/servers/google.py: HTTPS with a throwaway CA, the real
google-auth / requests on the client side) runs in this process with N messages in
INBOX (a tenth of them also in SENT); each measured sync runs in a child process with
a fresh profile. For each way of fetching raw messages (the batch endpoint, a pool of
concurrent requests) it prints:

- first import: seconds, messages/s (target ≥ 1,000), Gmail API requests made (and
  token-endpoint requests), the child's own peak RSS (VmHWM: not ``ru_maxrss``, which
  Linux carries over from the forked parent, here the stand-in holding the corpus);
- a nothing-new sync right after, in the same child: requests made (target: 1 in all).

    python bench/gmail_sync.py              # N=5000, both fetch modes
    N=2000 MODES=batch python bench/gmail_sync.py
    CORPUS=mixed MODES=batch python bench/gmail_sync.py   # the shared mixed corpus

Diagnostics (stderr): ``PROFILE=FILE`` the sync process's cProfile, ``RSS_TRACE=1`` the child's RSS after each stored batch,
``TRACEMALLOC=N`` where its Python memory went; ``CORPUS_CACHE=DIR`` keeps the generated
mixed corpus between runs; ``GMAIL_BATCH`` / ``GMAIL_AHEAD`` override the batch size cap
and how far the pool runs ahead, for experiments.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

N = int(os.environ.get("N", "5000"))
MODES = os.environ.get("MODES", "batch,pool").split(",")
# "small": short text messages made here; "mixed": the shared benchmark corpus
# (../shared/bench/gen_corpus.py: text+HTML 2-20 KB, a tenth with a 50-500 KB
# attachment), the one the IMAP first-sync figure is measured on.
CORPUS = os.environ.get("CORPUS", "small")


def _corpus(root: Path) -> list[bytes]:
    from tests.servers.dovecot import make_message

    if CORPUS != "mixed":
        return [make_message(i, body=_body(i)) for i in range(N)]
    gen = next(
        (
            base / "shared" / "bench" / "gen_corpus.py"
            for base in (REPO.parent, REPO.parent.parent)
            if (base / "shared" / "bench" / "gen_corpus.py").exists()
        ),
        None,
    )
    if gen is None:
        raise SystemExit("CORPUS=mixed needs ../shared/bench/gen_corpus.py")
    # The generator is deterministic (same -n, same bytes): CORPUS_CACHE=DIR keeps each
    # size's corpus there for the next run (it takes minutes on a busy machine).
    cache = os.environ.get("CORPUS_CACHE")
    maildir = Path(cache) / f"mixed-{N}" if cache else root / "corpus"
    if not (maildir / "cur").is_dir() or len(list((maildir / "cur").iterdir())) != N:
        subprocess.run(
            [sys.executable, str(gen), str(maildir), "-n", str(N)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    # As a server hands them out: CRLF line ends.
    return [
        path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        for path in sorted((maildir / "cur").iterdir())
    ]


def _body(index: int) -> str:
    line = f"Řádek {index}: the quarterly numbers for the project, as discussed on the call.\r\n"
    return line * (8 + index % 24)


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process, and of its finished children (the fetch+parse pool)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    pool = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, pool.ru_utime + pool.ru_stime


def _own_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _peak_rss_mib() -> float:
    """This process's own peak RSS (see rss_trace.peak_rss_mib)."""
    from rss_trace import peak_rss_mib

    return peak_rss_mib()


def child(profile: str, token: str) -> int:
    """In the child: one first import and one nothing-new sync; JSON on stdout."""
    from datetime import date, timedelta

    from desktop import secrets
    from desktop.models.mail import KIND_GMAIL, Mailbox, Message
    from desktop.profile import open_profile
    from desktop.sync.providers.base import provider_for

    if os.environ.get("VERBOSE"):  # the import's stage timings on stderr
        import logging

        logging.basicConfig(level=logging.DEBUG, format="  %(message)s")
        for noisy in ("urllib3", "google", "peewee"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
    open_profile(Path(profile))
    mailbox = Mailbox.create(
        name="Bench", kind=KIND_GMAIL, email="jana.novakova@example.com",
        import_from=date.today() - timedelta(days=7),
    )  # fmt: skip
    secrets.set_secret(secrets.MAILBOX_OAUTH, mailbox.id, token)
    provider = provider_for(KIND_GMAIL)
    from desktop.sync.providers import gmail

    # Experiments: the batch size and how far the pool runs ahead of the store.
    gmail.BATCH_SIZE = int(os.environ.get("GMAIL_BATCH", gmail.BATCH_SIZE))
    gmail.POOL_AHEAD = int(os.environ.get("GMAIL_AHEAD", gmail.POOL_AHEAD))
    if os.environ.get("RSS_TRACE"):  # the sync process's RSS after each stored batch
        from rss_trace import trace_store_batches

        trace_store_batches(gmail, "batch")
    from rss_trace import timed_sync

    cpu = _cpu()
    first = timed_sync(lambda: provider.sync(mailbox))
    main_cpu, pool_cpu = (after - before for after, before in zip(_cpu(), cpu, strict=True))
    first_peak = _peak_rss_mib()
    print(json.dumps({"mark": "first"}), flush=True)
    sys.stdin.readline()  # the parent notes the request count here
    started = time.perf_counter()
    changes = provider.sync(mailbox)
    again = time.perf_counter() - started
    print(
        json.dumps(
            {
                "first_s": first,
                "main_cpu_s": main_cpu,
                "pool_cpu_s": pool_cpu,
                "again_s": again,
                "stored": Message.select().count(),
                "again_added": len(changes.added),
                "rss_mib": first_peak,
            }
        ),
        flush=True,
    )
    return 0


def main() -> int:
    from scratch import run_in_scratch

    return run_in_scratch("holub-gmail-bench-", _run)


def _run(root: Path) -> int:
    from tests.servers.google import GoogleServer
    from tests.servers.tls import make_ca, trust_ca

    server = GoogleServer(make_ca(root / "ca")).start()
    now = time.time()
    for i, raw in enumerate(_corpus(root)):
        labels = ["INBOX", "UNREAD"] if i % 3 else ["INBOX"]
        if i % 10 == 0:
            labels.append("SENT")
        server.state.add_message(raw, labels, when=now - 60 - i * 30)
    # Gmail's own work of encoding the answers is not on the user's machine: the
    # stand-in, which shares these cores, encodes each message's JSON value up front.
    for message in server.state.messages.values():
        message.raw_json()
    size = sum(len(m.raw) for m in server.state.messages.values())
    print(f"{N} messages ({size / N / 1024:.1f} KiB on average), {N // 10} of them also in SENT")
    env = {
        **os.environ,
        **server.environment(),
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "XDG_DATA_HOME": str(root / "xdg"),
    }
    with trust_ca(server.ca):
        env.update({k: os.environ[k] for k in ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")})
        for mode in MODES:
            env["HOLUB_GMAIL_FETCH"] = mode
            state = server.state
            before_api = len(state.api_requests())
            before_token = len(state.token_requests)
            server_cpu = _own_cpu()
            proc = subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    str(root / f"profile-{mode}"),
                    server.grant(),
                ],
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            assert proc.stdin is not None and proc.stdout is not None
            json.loads(proc.stdout.readline())  # the first import is done
            server_cpu = _own_cpu() - server_cpu
            first_api = len(state.api_requests()) - before_api
            first_token = len(state.token_requests) - before_token
            proc.stdin.write("\n")
            proc.stdin.flush()
            result = json.loads(proc.stdout.readline())
            proc.wait()
            again_api = len(state.api_requests()) - before_api - first_api
            again_token = len(state.token_requests) - before_token - first_token
            stored_expected = N + N // 10
            print(
                f"[{mode:5}] first import: {result['first_s']:.2f} s, "
                f"{N / result['first_s']:,.0f} msgs/s ({result['stored']} rows, "
                f"{'ok' if result['stored'] == stored_expected else 'WRONG'}), "
                f"{first_api} API requests + {first_token} token, "
                f"peak RSS {result['rss_mib']:.0f} MiB"
            )
            # On a busy machine the wall clock mostly measures the others: the CPU time
            # of each part says what a quiet one would do (the parts run side by side).
            parts = (result["main_cpu_s"], result["pool_cpu_s"], server_cpu)
            cores = os.cpu_count() or 1
            busiest = max(parts[0], parts[1] / 2, parts[2], sum(parts) / cores)
            # Holub alone (the real Gmail is elsewhere): its own parts on the cores.
            holub = max(parts[0], parts[1] / 2, (parts[0] + parts[1]) / cores)
            print(
                f"        CPU: sync process {result['main_cpu_s']:.2f} s, fetch+parse pool "
                f"{result['pool_cpu_s']:.2f} s (2 processes), stand-in {server_cpu:.2f} s; "
                f"Holub {(parts[0] + parts[1]) / result['stored'] * 1000:.2f} CPU-ms per "
                f"stored message → on these cores when idle ≈ {N / holub:,.0f} msgs/s for "
                f"Holub alone, ≈ {N / busiest:,.0f} with the stand-in beside it; "
                f"load average {os.getloadavg()[0]:.1f} on {cores} cores"
            )
            print(
                f"[{mode:5}] nothing new: {result['again_s'] * 1000:.0f} ms, "
                f"{again_api} API request(s) + {again_token} token, "
                f"{result['again_added']} added"
            )
    server.stop()
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        sys.exit(child(sys.argv[2], sys.argv[3]))
    sys.exit(main())
