#!/usr/bin/env bash
# The README's tour, run as a reader pastes it into a shell, against a real `ctom serve`: every
# answer ends its line, nothing is refused but the one early certification the tour shows, and
# the candidate is certified at the end.
#   readme_tour_test.sh CTOM_BINARY README
set -euo pipefail
ctom=$1
readme=$2
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "readme tour: $*" >&2; echo "--- tour output ---" >&2; cat "$work/out" >&2 || true; exit 1; }

CTOM_ADMIN_TOKEN=tour-admin-token "$ctom" serve --data "$work/data" --listen 127.0.0.1:0 \
  >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
  [ -s "$work/data/listen.addr" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
address=$(tr -d '\n' <"$work/data/listen.addr")

# The tour is the second sh block after the "Five-minute tour" heading (the first starts the server).
awk '/^## Five-minute tour/ { tour = 1 }
     tour && /^```sh/ { blocks++; if (blocks == 2) { inside = 1; next } }
     inside && /^```/ { exit }
     inside { print }' "$readme" | sed "s#http://127.0.0.1:8080#http://$address#" >"$work/tour.sh"
[ -s "$work/tour.sh" ] || fail "no tour found in $readme"

bash -o pipefail "$work/tour.sh" >"$work/out" 2>&1 || fail "the tour exited with $?"

# Answers never run into each other: a compact JSON answer ends its line.
if grep -q '}{' "$work/out"; then fail "two answers on one line"; fi
# Nothing is refused (a problem answer carries its 4xx or 5xx status) but step 6's certification.
if grep -Eq '"status":[45][0-9][0-9]' "$work/out"; then fail "a command was refused"; fi
[ "$(grep -c '"requirements_unmet"' "$work/out")" -eq 1 ] || fail "step 6 should refuse once"
grep -q '"status": "certified"' "$work/out" || fail "the candidate is not certified"
grep -q '"certificate": "CCTO-2018-0001"' "$work/out" || fail "no certificate CCTO-2018-0001"
grep -q '"expires_on": "2021-11-12"' "$work/out" || fail "the certificate's expiry is wrong"
grep -q '"ok":true' "$work/out" || fail "the ledger does not verify"
echo "readme tour: ok ($(wc -l <"$work/out") lines of answers)"
