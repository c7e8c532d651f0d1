#!/bin/sh
# Screenshot of the main window on the demo profile → docs/screenshot.png (needs xvfb-run).
set -eu
cd "$(dirname "$0")/.."
unset QT_QPA_PLATFORM
exec xvfb-run -a -s "-screen 0 1366x768x24" python3 scripts/screenshot.py "$@"
