#!/usr/bin/env bash
# Builds fpt-bench with the reactor (no install) and runs a bench main in a fresh JVM.
#   fpt-bench/bench.sh step --shape gpt2-small --mode fpt
#   fpt-bench/bench.sh frozen-vs-full --shape gpt2-small
#   fpt-bench/bench.sh soak --shape small --steps 10000
#   fpt-bench/bench.sh jmh -p shape=small        (any JMH options)
# FPT_BENCH_NO_BUILD=1 skips the build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
if [[ "${FPT_BENCH_NO_BUILD:-0}" != 1 ]]; then
  (cd "$root" && mvn -q package -pl fpt-bench -am -DskipTests) >&2
fi
source "$root/fpt-cli/src/main/sh/native-allocator.sh"
fpt_native_allocator   # as ./fpt: glibc's defaults unless FPT_MALLOC=glibc|tcmalloc asks
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
jvm=(-Xmx8g --enable-native-access=ALL-UNNAMED ${FPT_BENCH_JVM_OPTS:-})
if [[ "${1:-}" == jmh ]]; then
  shift
  exec java "${jvm[@]}" -cp "$cp" org.openjdk.jmh.Main FptStepBenchmark "$@"
fi
exec java "${jvm[@]}" -cp "$cp" org.fpt.bench.Bench "$@"
