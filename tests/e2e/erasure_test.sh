#!/usr/bin/env bash
# Erasure end to end (API.md "Personal data and erasure"), against a real `ctom serve`: the
# README's tour certifies Ada Lovelace (mentored by Grace Hopper); an admin erases her. Then every
# view shows "[erased]", the report, the chain and the history are unchanged, the certificate
# still verifies publicly, a later command is refused, her documents answer 410, and no file of the
# data folder holds her name, e-mail, title, free text, documents' bytes or key (raw bytes, and
# the ledger's records read back through RocksDB by `ctom export`). A restart and `ctom rebuild`
# show the same.
#   erasure_test.sh CTOM_BINARY README
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
fail() { echo "erasure: $*" >&2; tail -20 "$work/server.log" >&2 || true; exit 1; }

start() {
  rm -f "$work/data/listen.addr"
  CTOM_ADMIN_TOKEN=tour-admin-token "$ctom" serve --data "$work/data" --listen 127.0.0.1:0 \
    --key-file "$work/master.key" >>"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    [ -s "$work/data/listen.addr" ] && break
    kill -0 "$pid" 2>/dev/null || fail "the server did not start"
    sleep 0.1
  done
  address=$(tr -d '\n' <"$work/data/listen.addr")
  S=http://$address
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }
H='Authorization: Bearer tour-admin-token'
get() { curl -s -H "$H" "$S$1"; }
post() { curl -s -H "$H" -H 'Content-Type: application/json' "$S$1" -d "$2"; }
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

# A key file outside the data folder, as an operator keeps it.
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/master.key"; echo >>"$work/master.key"
chmod 600 "$work/master.key"
start
awk '/^## Five-minute tour/ { tour = 1 }
     tour && /^```sh/ { blocks++; if (blocks == 2) { inside = 1; next } }
     inside && /^```/ { exit }
     inside { print }' "$readme" | sed "s#http://127.0.0.1:8080#$S#" >"$work/tour.sh"
bash -o pipefail "$work/tour.sh" >"$work/tour.out" 2>&1 || fail "the tour failed"
C=$(get '/v1/candidates?q=lovelace' | jq -r '.items[0].id')
[ -n "$C" ] && [ "$C" != null ] || fail "no candidate Ada"
# Free text of hers, and a document of hers, to look for afterwards.
post /v1/candidates/$C/promotions '{"title": "Zanzibar-quokka officer", "effective_on": "2019-07-01"}' >/dev/null
DOC=$(curl -s -H "$H" -H 'Content-Type: text/plain' $S/v1/documents --data-binary 'Ada-secret-document-bytes' | jq -r .id)
post /v1/candidates/$C/ceus '{"activity": "Quokka seminar", "provider": "Zanzibar institute",
  "completed_on": "2019-03-01", "contact_hours": 7.5, "document": "'"$DOC"'"}' >/dev/null
[ "$(status_of -H "$H" "$S/v1/documents/$DOC")" = 200 ] || fail "her document does not read"

# What others may still see must not change.
get /v1/reports/program >"$work/report.before"
get "/v1/candidates/$C/history" | jq '[.events[] | {position, type, hash}]' >"$work/history.before"
N=$(get "/v1/candidates/$C" | jq -r .certification.certificate)
curl -s "$S/v1/certificates/$N" | jq '{number, status, issued_on, expires_on}' >"$work/cert.before"

# Who may ask: not staff; a reason is required.
[ "$(status_of -H 'Content-Type: application/json' "$S/v1/candidates/$C/erasure" -d '{"reason":"x"}')" = 401 ] ||
  fail "erasure without a token is not 401"
[ "$(status_of -H "$H" -H 'Content-Type: application/json' "$S/v1/candidates/$C/erasure" -d '{}')" = 400 ] ||
  fail "erasure without a reason is not 400"
get "/v1/candidates/$C/personal-data" | grep -q 'Zanzibar-quokka officer' || fail "personal-data lacks her promotion"

post "/v1/candidates/$C/erasure" '{"reason": "request of the person, ticket 42"}' >"$work/erased.json"
jq -e '.position > 0' "$work/erased.json" >/dev/null || fail "erasure answered $(cat "$work/erased.json")"
[ "$(status_of -H "$H" -H 'Content-Type: application/json' "$S/v1/candidates/$C/erasure" -d '{"reason":"again"}')" = 422 ] ||
  fail "a second erasure is not 422"

check_erased() {
  local view
  view=$(get "/v1/candidates/$C")
  [ "$(jq -r .name <<<"$view")" = "[erased]" ] || fail "$1: the name is $(jq -r .name <<<"$view")"
  [ "$(jq -r .email <<<"$view")" = "[erased]" ] || fail "$1: the e-mail is not erased"
  [ "$(jq -r .position_title <<<"$view")" = "[erased]" ] || fail "$1: the title is not erased"
  [ "$(jq -r .status <<<"$view")" = certified ] || fail "$1: the status changed"
  get /v1/reports/program | jq "del(.as_of, .position)" | diff - <(jq "del(.as_of, .position)" "$work/report.before") || fail "$1: the report changed"
  get "/v1/candidates/$C/history" | jq '[.events[] | {position, type, hash}] | .[:-1]' |
    diff - "$work/history.before" >/dev/null || fail "$1: the history changed"
  get "/v1/candidates/$C/history" | grep -q 'Lovelace\|Zanzibar\|Quokka' && fail "$1: the history shows her data"
  curl -s "$S/v1/certificates/$N" | jq -e '.holder == "[erased]"' >/dev/null || fail "$1: the certificate shows the holder"
  curl -s "$S/v1/certificates/$N" | jq '{number, status, issued_on, expires_on}' |
    diff - "$work/cert.before" >/dev/null || fail "$1: the certificate's status or dates changed"
  [ "$(status_of -H "$H" "$S/v1/documents/$DOC")" = 410 ] || fail "$1: her document is not 410"
  curl -s "$S/verify/$N" | grep -q '\[erased\]' || fail "$1: the verification page shows the holder"
  curl -s "$S/verify/$N" | grep -q 'Lovelace' && fail "$1: the verification page shows her name"
  curl -s -H 'Accept: application/json' "$S/v1/certificates/$N/credential" |
    jq -e '[.credentialSubject.identifier[] | select(.identityType == "name")][0].identityHash == "[erased]"' \
      >/dev/null || fail "$1: the credential names the holder"
  get /v1/ledger/verify | jq -e .ok >/dev/null || fail "$1: the ledger does not verify"
  [ "$(status_of -H "$H" -H 'Content-Type: application/json' "$S/v1/candidates/$C/promotions" -d '{"title":"more","effective_on":"2020-01-01"}')" = 422 ] ||
    fail "$1: a later command is not refused"
}
check_erased "after the erasure"
stop

# No file holds her data: raw bytes, and the ledger's records as RocksDB returns them.
for needle in 'Ada Lovelace' 'ada@district.example' 'IT Director' 'Zanzibar-quokka' 'Quokka seminar' \
  'Ada-secret-document-bytes' 'portfolio.example/ada'; do
  if grep -rqa -- "$needle" "$work/data"; then fail "a file of the data folder holds '$needle'"; fi
  hex=$(printf '%s' "$needle" | od -An -tx1 | tr -d ' \n')
  if "$ctom" export --data "$work/data" --key-file "$work/master.key" | jq -r .payload | grep -q "$hex"; then
    fail "a ledger record holds '$needle'"
  fi
done
"$ctom" verify --data "$work/data" >/dev/null || fail "ctom verify fails"
"$ctom" rebuild --data "$work/data" --key-file "$work/master.key" >"$work/rebuild.out" 2>/dev/null ||
  fail "ctom rebuild fails"
"$ctom" replay --data "$work/data" --key-file "$work/master.key" "$C" | grep -q 'Lovelace' &&
  fail "ctom replay shows her name"

start
check_erased "after a restart"
post /v1/admin/rebuild '{}' >/dev/null
check_erased "after a rebuild"
echo "erasure: ok"
