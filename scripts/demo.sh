#!/usr/bin/env bash
# One command: install what is missing, build, start the console in demo mode.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
# Chromium's sandbox (Qt WebEngine) refuses to run as root.
[ "$(id -u)" -ne 0 ] || export QTWEBENGINE_DISABLE_SANDBOX=1
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "demo: no display found; starting under a virtual X server (xvfb-run)" >&2
  exec xvfb-run -a -s '-screen 0 1440x900x24' "${BK_BUILD_DIR:-$root/build}/app/console/bridgekeeper" --demo "$@"
fi
exec "${BK_BUILD_DIR:-$root/build}/app/console/bridgekeeper" --demo "$@"
