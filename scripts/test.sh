#!/usr/bin/env bash
# One command: install what is missing, build, run the whole test suite.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
"$root/scripts/run-tests.sh" "${BK_BUILD_DIR:-$root/build}"
