#!/usr/bin/env bash
# Runs every test of Kefu: unit, API (on SQLite and PostgreSQL), CLI and browser tests.
# Installs what the tests need (PostgreSQL, Chromium) when missing, starts a throwaway PostgreSQL
# on 127.0.0.1, stops it afterwards, and prints "N passed, N failed, N skipped" last.
set -uo pipefail
cd "$(dirname "$0")"

PG_PORT="${KEFU_TEST_PG_PORT:-55432}"
PG_DATA="$(mktemp -d /tmp/kefu-test-pg.XXXXXX)"
PG_PASSWORD="kefu-test-$RANDOM$RANDOM"
RESULTS="$(pwd)/artifacts/test-results"
LOG="$RESULTS/test.log"
mkdir -p "$RESULTS"
: > "$LOG"

need_install=()
command -v /usr/lib/postgresql/15/bin/initdb >/dev/null 2>&1 || need_install+=(postgresql)
[ -x /usr/bin/chromium ] || need_install+=(chromium)
# Without a CJK font the Chinese in browser screenshots renders as boxes.
[ -d /usr/share/fonts/opentype/noto ] || need_install+=(fonts-noto-cjk)
if [ ${#need_install[@]} -gt 0 ]; then
  echo "Installing ${need_install[*]} (apt)…"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_install[@]}" >/dev/null
fi
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"

cleanup() {
  if [ -f "$PG_DATA/postmaster.pid" ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DATA" /tmp/kefu-test-pw.$$
}
trap cleanup EXIT

echo "Starting PostgreSQL on 127.0.0.1:$PG_PORT…"
chown postgres "$PG_DATA"
echo "$PG_PASSWORD" > /tmp/kefu-test-pw.$$ && chown postgres /tmp/kefu-test-pw.$$
runuser -u postgres -- "$PGBIN/initdb" -D "$PG_DATA" -U postgres --pwfile=/tmp/kefu-test-pw.$$ \
  --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w start \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
export KEFU_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_PASSWORD"

echo "Building…"
if ! dotnet build Kefu.slnx -c Debug -nologo -v q 2>&1 | tee -a "$LOG" | grep -E "error|Build succeeded" ; then
  echo "0 passed, 1 failed, 0 skipped"; exit 1
fi
if grep -q " error " "$LOG"; then echo "0 passed, 1 failed, 0 skipped"; exit 1; fi

status=0
for project in tests/*/; do
  name="$(basename "$project")"
  echo "Testing $name…"
  dotnet test "$project" --no-build -nologo -v q \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" \
    -- xUnit.MaxParallelThreads=2 > "$RESULTS/$name.log" 2>&1
  rc=$?
  cat "$RESULTS/$name.log" >> "$LOG"
  grep -E "Passed!|Failed!|\[FAIL\]|error" "$RESULTS/$name.log" || true
  if [ $rc -ne 0 ]; then
    status=1
    # A crashed run prints no summary; count it as one failure so the totals cannot look green.
    grep -qE "(Passed|Failed)! +- Failed:" "$RESULTS/$name.log" || echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - $name crashed" >> "$LOG"
  fi
done

# The fuzz suite's figures (cases, time, answers by status), from the test results.
grep -aho "Fuzz ([^<]*" "$RESULTS"/*.trx 2>/dev/null | tee -a "$LOG" || true

awk '/(Passed|Failed)! +- Failed:/{gsub(",","");f+=$4;p+=$6;s+=$8} END{printf "%d passed, %d failed, %d skipped\n",p,f,s}' "$LOG"
exit $status
