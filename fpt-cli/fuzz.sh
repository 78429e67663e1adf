#!/usr/bin/env bash
# The full reader fuzz suite (docs/fuzzing.md): 1,000 damaged inputs per reader in a JVM with -Xmx512m,
# 60 s timeout per case. Writes the table to docs/fuzz-results.md and prints it.
# Options pass through to Maven, e.g. -Dfuzz.cases=200 -Dfuzz.seed=12 -Dfuzz.report=/tmp/fuzz.md
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
status=0
mvn -B -ntp -q -pl fpt-cli -am verify -Pfuzz -Dtest=ReaderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false "$@" || status=$?
report="docs/fuzz-results.md"
for arg in "$@"; do [[ "$arg" == -Dfuzz.report=* ]] && report="${arg#-Dfuzz.report=}"; done
cat "$report"
exit $status
