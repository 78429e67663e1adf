# A: Spark's own 120 s heartbeat timeout (what every local grid had before); B: the new default
cd "$(dirname "$0")/../../../.."
./fpt experiment fpt-bench/results/diagnostics/spark-local-pause-2026-12-07/pause.yaml --out fpt-bench/results/diagnostics/spark-local-pause-2026-12-07/out-a --master 'local[1]' --backend pytorch --conf spark.storage.blockManagerHeartbeatTimeoutMs=120s > fpt-bench/results/diagnostics/spark-local-pause-2026-12-07/a.log 2>&1 &
a=$!
./fpt experiment fpt-bench/results/diagnostics/spark-local-pause-2026-12-07/pause.yaml --out fpt-bench/results/diagnostics/spark-local-pause-2026-12-07/out-b --master 'local[1]' --backend pytorch > fpt-bench/results/diagnostics/spark-local-pause-2026-12-07/b.log 2>&1 &
b=$!
sleep 60
echo "$(date -u +%T) pausing both drivers for 200 s"; pkill -STOP -P $a; kill -STOP $a; pkill -STOP -P $b; kill -STOP $b
jps -l | grep -i -E "spark|fpt"
sleep 200
echo "$(date -u +%T) resuming"; kill -CONT $a $b; pkill -CONT -P $a; pkill -CONT -P $b
sleep 600
echo "$(date -u +%T) after 10 min: A alive? $(kill -0 $a 2>/dev/null && echo yes || echo no); B alive? $(kill -0 $b 2>/dev/null && echo yes || echo no)"
