#!/usr/bin/env bash
# Builds the .deb, installs it with apt on this machine, and proves both programs start.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BK_BUILD_DIR:-$root/build}
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls -t "$build"/bridgekeeper_*.deb | head -n 1)
echo "package-check: $(basename "$deb"), $(du -h "$deb" | cut -f1)"
dpkg-deb -I "$deb" | grep -E '^ (Depends|Recommends|Version|Installed-Size):' || true
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "$deb" >/dev/null
/usr/bin/bridgekeeper-engine --version
test -f /usr/share/applications/bridgekeeper.desktop
test -f /usr/share/icons/hicolor/48x48/apps/bridgekeeper.png
test -f /usr/share/bridgekeeper/connectors/exact-online.json
dpkg-deb -f "$deb" Recommends | grep -q qt6-translations-l10n
# The console must come up and stay up under a virtual X server.
scratch=$(mktemp -d)
export HOME=$scratch QTWEBENGINE_DISABLE_SANDBOX=1
set +e
timeout 8 xvfb-run -a -s '-screen 0 1280x800x24' /usr/bin/bridgekeeper --data-dir "$scratch/data" \
  /usr/share/bridgekeeper/workspaces/sample.json >"$scratch/console.log" 2>&1
rc=$?
set -e
rm -rf "$scratch"
if [ "$rc" -ne 124 ]; then
  echo "package-check: the installed console exited early (status $rc)" >&2
  exit 1
fi
echo "package-check: installed package runs (console stayed up under Xvfb)"
