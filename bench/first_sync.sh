#!/bin/sh
# Holub's first sync (`sync --once` into an empty profile) in the same run as
# mbsync, through ../shared/bench/run_baseline.sh (Dovecot on loopback, the
# 10,000-message mixed corpus). Prints msgs/s and peak RSS of both and the ratio.
#
#   bench/first_sync.sh                       # RUNS=3 WARMUP=1 (≈ 5-10 min)
#   RUNS=1 WARMUP=0 bench/first_sync.sh       # quicker
#   SIZES="1000:mixed" bench/first_sync.sh
#   HEADERS_OFF=0 bench/first_sync.sh         # without the headers-first-off run
#
# After mbsync and Holub as it is (headers first), Holub runs again with headers first
# off (HOLUB_SYNC_HEADERS_FROM above N: bodies only), in the same table.
#
# The account is written straight into the profile (no SMTP server in this
# bench, and the corpus is dated 2023, before the 7-day import window that
# `account add` enforces): what is timed is the import itself: fetch, parse,
# store, index, pair.
set -eu
REPO=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED_BENCH:-}
for candidate in "$REPO/../shared/bench" /work/shared/bench; do
  [ -n "$SHARED" ] && break
  [ -x "$candidate/run_baseline.sh" ] && SHARED=$candidate
done
[ -n "$SHARED" ] || { echo "run_baseline.sh not found; set SHARED_BENCH" >&2; exit 1; }
PY=${PYTHON:-$(command -v python3)}
L=${BENCH_LOCAL:-/tmp/bench-local}
PROF=$L/holub
RES_DIR=/tmp/bench-results  # never write into the shared bench folder
mkdir -p "$RES_DIR"
OUT=${OUT:-$RES_DIR/holub-first-sync-$(date -u +%Y%m%dT%H%M%S).md}

# The keyring: a file keyring in the bench directory, never the user's own.
export PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring
export XDG_DATA_HOME=$PROF-xdg

export CONTENDER_NAME=holub
export CONTENDER_PREP="rm -rf '$PROF' '$PROF-xdg' && mkdir -p '$PROF' && cd '$REPO' && '$PY' -c '
import os
from datetime import date
from desktop import secrets
from desktop.models.mail import Mailbox
from desktop.profile import open_profile
open_profile(\"$PROF\")
e = os.environ
m = Mailbox.create(name=\"bench\", email=\"bench@bench.example\", username=e[\"BENCH_USER\"],
    import_from=date(2000, 1, 1), imap_host=e[\"BENCH_HOST\"], imap_port=int(e[\"BENCH_IMAPS_PORT\"]),
    imap_security=\"ssl\", smtp_host=e[\"BENCH_HOST\"], cafile=e[\"BENCH_CAFILE\"])
secrets.set_secret(secrets.MAILBOX_PASSWORD, m.id, e[\"BENCH_PASSWORD\"])
'"
export CONTENDER_CMD="cd '$REPO' && '$PY' main.py --profile '$PROF' sync --once -q"
export CONTENDER_CHECK="sqlite3 '$PROF/holub.sqlite3' 'select count(*) from message'"
export TOOLS=${TOOLS:-"mbsync contender"}
export SIZES=${SIZES:-"10000:mixed"}
export OUT

# run_baseline.sh writes the corpus description there before starting Dovecot.
mkdir -p "${BENCH_DIR:-/tmp/bench-dovecot}"
"$SHARED/run_baseline.sh"
if [ "${HEADERS_OFF:-1}" = 1 ]; then
  CONTENDER_NAME=holub-headers-off TOOLS=contender \
  CONTENDER_CMD="cd '$REPO' && HOLUB_SYNC_HEADERS_FROM=100000000 '$PY' main.py --profile '$PROF' sync --once -q" \
    "$SHARED/run_baseline.sh"
fi

# The table rows: | tool | N | runs | wall | msgs/s | MB/s | RSS | CPU | status |
"$PY" - "$OUT" <<'PYEOF'
import sys
TOOLS = ("mbsync", "holub", "holub-headers-off")
rows = {}
for line in open(sys.argv[1], encoding="utf-8"):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) >= 9 and cells[0] in TOOLS and cells[4].isdigit():
        rows[cells[0]] = (int(cells[4]), float(cells[6]), cells[8])
for tool, (rate, rss, status) in rows.items():
    print(f"{tool:17} {rate:6d} msgs/s  peak RSS {rss:7.1f} MiB  {status}")
for tool in TOOLS[1:]:
    if "mbsync" in rows and tool in rows:
        ratio = rows[tool][0] / rows["mbsync"][0]
        print(f"{tool}/mbsync: {ratio:.2f}x messages/s "
              f"({'meets' if ratio >= 1 else 'misses'} the DESIGN.md §8 target)")
print(f"load average: {open('/proc/loadavg').read().split()[:3]} (2 cores)")
print(f"full table: {sys.argv[1]}")
PYEOF
