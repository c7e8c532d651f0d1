#!/bin/sh
# Debian/Ubuntu system packages Holub and its tests need: Qt's X11/EGL libraries,
# Dovecot (real IMAP server for integration tests), Xvfb (screenshots), OpenSSL.
# Usage: scripts/system-deps.sh [run|test]. Does nothing where apt-get is absent.
set -eu
command -v apt-get >/dev/null 2>&1 || { echo "apt-get not found: install Qt's system libraries yourself" >&2; exit 0; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
RUN_PKGS="libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3
  libnss3 libnspr4 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxi6 libasound2 libxshmfence1 libgbm1
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-xkb1 libxcb-randr0 libxkbfile1 fonts-dejavu-core"
TEST_PKGS="dovecot-imapd openssl xvfb xauth sqlite3"
PKGS=$RUN_PKGS
[ "${1:-run}" = test ] && PKGS="$RUN_PKGS $TEST_PKGS"
missing=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
[ -z "$missing" ] && exit 0
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Package names move between releases (libasound2 became libasound2t64 in
# Debian 13): install what this release has, and its t64 twin where it exists.
wanted=""
for p in $missing; do
  if apt-cache show "$p" >/dev/null 2>&1; then wanted="$wanted $p"
  elif apt-cache show "${p}t64" >/dev/null 2>&1; then wanted="$wanted ${p}t64"
  else echo "system-deps: no package $p in this release, skipped" >&2
  fi
done
# shellcheck disable=SC2086
if [ -n "$wanted" ]; then
  $SUDO apt-get install -y -qq --no-install-recommends $wanted >/dev/null
fi
# The packaged Dovecot service is not used by the tests (they start their own).
if [ "${1:-run}" = test ] && command -v systemctl >/dev/null 2>&1; then
  $SUDO systemctl disable --now dovecot >/dev/null 2>&1 || true
fi
