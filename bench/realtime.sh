#!/usr/bin/env bash
# realtime-service against a plain Node.js socket.io 4 server: N websocket clients, broadcast latency, deliveries per
# CPU-second, heap per 1 000 idle sockets, reconnect storm. Needs node and npm (the Node pieces are installed here).
# BENCH_PROFILE=/tmp/x.jfr records realtime-service over the broadcast rounds with JFR;
# BENCH_PROFILE=/tmp/x.collapsed with async-profiler's CPU samples instead, given
# ASYNC_PROFILER=<path to libasyncProfiler.so> (docs/performance.md).
# BENCH_WARMUP_ROUNDS=N runs N broadcast rounds first, reported apart and left out of the CPU figures.
# BENCH_READER_SNAPSHOT=/tmp/reader writes a heap snapshot of the Node load generator after the rounds, per server.
# The Node.js reference runs beside the platform, left up and idle; BENCH_NODE_ALONE=true runs it after the platform stops.
# BENCH_READER_NODE_OPTIONS: Node's options for the load generator only, the same for both servers (none by default);
# e.g. "--max-semi-space-size=64" for a young generation that holds a round's arrivals (docs/performance.md, Realtime).
# BENCH_PIN=true gives the server under test (either) the last core and everything else the others (taskset).
# Usage: bench/realtime.sh [sockets, default 10000] [rounds, default 6]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null && command -v npm >/dev/null || { echo "needs node and npm on the PATH" >&2; exit 1; }
(cd bench/realtime && npm ci --no-audit --no-fund --silent)
./mvnw -B -q -ntp -Dmaven.test.skip=true install -pl bench -am
./mvnw -B -q -ntp -Dmaven.test.skip=true clean package -pl auth-service,vehicle-service,notification-service,realtime-service,gateway -am
exec java -Dluxe.project.root="$PWD" -Dbench.sockets="${1:-10000}" -Dbench.rounds="${2:-6}" \
  -Dbench.warmup-rounds="${BENCH_WARMUP_ROUNDS:-0}" -Dbench.node-alone="${BENCH_NODE_ALONE:-false}" \
  -Dbench.pin="${BENCH_PIN:-false}" -Dbench.reader-node-options="${BENCH_READER_NODE_OPTIONS:-}" \
  -Dbench.service-jvm-options="${BENCH_SERVICE_JVM_OPTIONS:-}" \
  -Dbench.profile="${BENCH_PROFILE:-}" -Dbench.async-profiler="${ASYNC_PROFILER:-}" \
  -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" com.luxedrive.bench.RealtimeBenchmark
