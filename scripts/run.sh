#!/bin/sh
# Install Holub with its system libraries and start it (README's first command).
set -eu
cd "$(dirname "$0")/.."
sh scripts/system-deps.sh run
python3 -m pip install -q --disable-pip-version-check -e .
exec python3 main.py "$@"
