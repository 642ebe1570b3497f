#!/usr/bin/env bash
# Configures (once) and builds Bridgekeeper into ./build with Ninja, two jobs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BK_BUILD_DIR:-$root/build}
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${BK_BUILD_TYPE:-RelWithDebInfo}"
fi
cmake --build "$build" -j "${BK_JOBS:-2}"
