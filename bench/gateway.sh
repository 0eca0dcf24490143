#!/usr/bin/env bash
# What the gateway costs against a direct call and against nginx as a plain reverse proxy (wrk -t2 -c64).
# Usage: bench/gateway.sh [seconds per round, default 10]   (needs nginx and wrk: apt-get install nginx-light wrk)
# BENCH_ACCESS_LOG=false measures without the gateway's access log; BENCH_SERVICE_JVM_OPTIONS adds JVM options to
# every process (not a collector: each is given one); BENCH_GATEWAY_JVM_OPTIONS replaces the JVM options of the gateway
# in front of the trivial backend (the trivial GET rows; the database-bound rows go through the platform's gateway),
# e.g. "-Xms512m -Xmx768m -XX:+UseSerialGC".
# BENCH_GATEWAY_JARS="a.jar b.jar" compares gateway builds instead (trivial GET, public and token routes, three rounds
# taken in turn): copy each commit's gateway/target/gateway.jar out of the tree first (this script cleans target/).
# BENCH_GATEWAY_JVMS="opts a;opts b" compares JVM option sets on this tree's gateway the same way; both comparisons
# also take p50/p99 at a fixed rate, BENCH_COMPARE_RATE requests/s (default 1000), the same for every variant.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v nginx >/dev/null && command -v wrk >/dev/null || { echo "needs nginx and wrk on the PATH" >&2; exit 1; }
ulimit -n 65536 || true
./mvnw -B -q -ntp -Dmaven.test.skip=true install -pl bench -am
./mvnw -B -q -ntp -Dmaven.test.skip=true clean package -pl auth-service,vehicle-service,notification-service,realtime-service,gateway -am
exec java -Dluxe.project.root="$PWD" -Dbench.seconds="${1:-10}" -Dbench.warmup="${BENCH_WARMUP:-30}" -Dbench.access-log="${BENCH_ACCESS_LOG:-true}" \
  -Dbench.service-jvm-options="${BENCH_SERVICE_JVM_OPTIONS:-}" -Dbench.gateway-jvm-options="${BENCH_GATEWAY_JVM_OPTIONS:-}" -Dbench.compare-jars="${BENCH_GATEWAY_JARS:-}" \
  -Dbench.compare-jvms="${BENCH_GATEWAY_JVMS:-}" -Dbench.compare-rate="${BENCH_COMPARE_RATE:-1000}" \
  -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" com.luxedrive.bench.GatewayBenchmark
