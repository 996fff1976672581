#!/usr/bin/env bash
# Runs a fuzz target from its committed corpus with new inputs written to a temporary folder
# (removed afterwards), so a ctest run never changes the corpus.
#   explore.sh FUZZER CORPUS [libFuzzer options...]
set -euo pipefail
fuzzer=$1 corpus=$2
shift 2
new_inputs=$(mktemp -d "${TMPDIR:-/tmp}/ctom-fuzz-new-XXXXXX")
trap 'rm -rf "$new_inputs"' EXIT
"$fuzzer" "$@" "$new_inputs" "$corpus"
