#!/usr/bin/env bash
# A Spark standalone cluster on this machine, from fpt-spark's own Spark jars: a Master and N Workers, each its own
# JVM (what Spark's sbin/start-master.sh and start-worker.sh start). For trying `fpt experiment --master spark://...`
# without a Spark installation; a real cluster runs the same daemons from Spark's distribution (docs/distributed.md).
#
#   fpt-spark/standalone.sh start [WORKERS=2] [CORES_PER_WORKER=1]   # prints the master URL
#   fpt-spark/standalone.sh stop
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${FPT_STANDALONE_DIR:-$ROOT/fpt-spark/target/standalone}"
PORT="${FPT_STANDALONE_PORT:-7077}"

start() {
  local workers="${1:-2}" cores="${2:-1}"
  [[ -d "$ROOT/fpt-spark/target/spark-lib" ]] || (cd "$ROOT" && mvn -q -B -DskipTests package -pl fpt-spark -am)
  # SPARK_HOME/jars, the daemons' and executors' class path: Spark with every library it needs (those it shares with
  # FPT were resolved into lib/), but not FPT's own jars, which the driver ships to the executors as on a real cluster.
  rm -rf "$STATE/home" && mkdir -p "$STATE/home/jars"
  local jar
  for jar in "$ROOT"/fpt-spark/target/spark-lib/*.jar "$ROOT"/fpt-spark/target/lib/*.jar; do
    [[ "$(basename "$jar")" == fpt-* ]] || ln -s "$jar" "$STATE/home/jars/"
  done
  mapfile -t options < "$ROOT/fpt-spark/java-options"
  export SPARK_HOME="$STATE/home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
  local cp="$STATE/home/jars/*"
  nohup java "${options[@]}" -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" \
    --webui-port 8080 > "$STATE/master.log" 2>&1 &
  echo $! > "$STATE/master.pid"
  for i in $(seq 1 "$workers"); do
    nohup java "${options[@]}" -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "$cores" \
      --memory 4g --work-dir "$STATE/work-$i" --webui-port $((8080 + i)) "spark://127.0.0.1:$PORT" > "$STATE/worker-$i.log" 2>&1 &
    echo $! > "$STATE/worker-$i.pid"
  done
  # Wait until every worker has registered (a busy machine starts JVMs slowly).
  for _ in $(seq 1 300); do
    if curl -s http://127.0.0.1:8080/json/ | grep -q "\"aliveworkers\" : $workers"; then
      echo "spark://127.0.0.1:$PORT"
      return 0
    fi
    sleep 1
  done
  echo "standalone.sh: the cluster did not come up; see $STATE/*.log" >&2
  return 1
}

stop() {
  local pid
  for pid in "$STATE"/*.pid; do
    [[ -f "$pid" ]] && kill "$(cat "$pid")" 2>/dev/null || true
    rm -f "$pid"
  done
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  *) echo "usage: $0 start [WORKERS] [CORES_PER_WORKER] | stop" >&2; exit 2 ;;
esac
