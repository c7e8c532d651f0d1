#!/bin/sh
# Install Holub with its system libraries and start it (README's first command).
set -eu
cd "$(dirname "$0")/.."
sh scripts/system-deps.sh run
. scripts/python-env.sh
"$PY" -m pip install -q -e .
exec "$PY" main.py "$@"
