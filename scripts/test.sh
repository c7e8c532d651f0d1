#!/bin/sh
# Install everything the test suite needs, then run all of it (README's test command).
set -eu
cd "$(dirname "$0")/.."
sh scripts/system-deps.sh test
python3 -m pip install -q --disable-pip-version-check -e '.[test]'
ruff check .
exec python3 -m pytest -n 2 --timeout 600 "$@"
