#!/bin/sh
# Install everything the test suite needs, then run all of it (README's test command).
set -eu
cd "$(dirname "$0")/.."
sh scripts/system-deps.sh test
. scripts/python-env.sh
"$PY" -m pip install -q -e '.[test]'
"$PY" -m ruff check .
exec "$PY" -m pytest -n 2 --timeout 600 "$@"
