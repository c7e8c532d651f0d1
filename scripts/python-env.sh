# Sourced by run.sh and test.sh: sets PY to the Python that Holub installs into.
# The current python3 when pip may install there; where the system Python is
# externally managed (PEP 668, e.g. Debian's /usr/bin/python3) a ./.venv instead.
PY=python3
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if python3 - <<'PYEOF'
import os, sys, sysconfig
in_venv = sys.prefix != sys.base_prefix
managed = os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED"))
sys.exit(0 if managed and not in_venv else 1)
PYEOF
then
  if [ ! -x .venv/bin/python ]; then
    command -v apt-get >/dev/null 2>&1 && ! python3 -c "import ensurepip" 2>/dev/null \
      && $SUDO apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv .venv
  fi
  PY=.venv/bin/python
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1
