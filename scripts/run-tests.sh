#!/usr/bin/env bash
# Runs the CTest suite the way CI does: a fresh HOME and runtime folder, offscreen Qt,
# a D-Bus session with an unlocked gnome-keyring (the real Secret Service), and a
# throwaway PostgreSQL server on loopback. Usage: scripts/run-tests.sh [BUILD_DIR] [ctest args…]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
shift || true

scratch=$(mktemp -d /tmp/bk-test.XXXXXX)
chmod 755 "$scratch"
export HOME=$scratch/home XDG_RUNTIME_DIR=$scratch/runtime
mkdir -p "$HOME" && mkdir -m 700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 BK_NO_DIALOGS=1

# PostgreSQL for the store tests that need a server (skipped by them when absent).
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
pg_started=""
if [ -n "$pgbin" ] && [ -x "$pgbin/initdb" ]; then
  pgdir=$scratch/pg
  mkdir -p "$pgdir"
  pgrun=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$pgdir"
    pgrun=(runuser -u postgres --)
  fi
  chmod 700 "$pgdir"
  port=${BK_PGPORT:-55432}
  pgopts="-c listen_addresses=127.0.0.1 -p $port -k $pgdir"
  if "${pgrun[@]}" "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$scratch/initdb.log" 2>&1 &&
     "${pgrun[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o "$pgopts" start >/dev/null; then
    pg_started=1
    export BK_TEST_PGHOST=127.0.0.1 BK_TEST_PGPORT=$port BK_TEST_PGUSER=postgres
    # For the tests that stop, start or restart the server.
    export BK_TEST_PGBIN=$pgbin BK_TEST_PGDATA=$pgdir/data BK_TEST_PGLOG=$pgdir/log BK_TEST_PGOPTS="$pgopts"
    if [ "$(id -u)" -eq 0 ]; then export BK_TEST_PGRUNAS=postgres; fi
  else
    echo "run-tests: PostgreSQL could not start; PostgreSQL tests will be skipped" >&2
  fi
fi

cleanup() {
  if [ -n "$pg_started" ]; then
    "${pgrun[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT

cd "$build"
# gnome-keyring must be unlocked with a password inside the session, or writes fail (error 7).
dbus-run-session -- bash -c '
  echo -n "bk-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  ctest --output-on-failure --timeout 600 -j "${BK_TEST_JOBS:-2}" "$@"
' ctest-runner "$@"
