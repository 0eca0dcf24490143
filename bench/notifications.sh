#!/usr/bin/env bash
# notification-service: time to accept a send to all with 10 000 and 100 000 recipients, then sustained targeted sends.
# BENCH_PROFILE=/tmp/x.jfr records notification-service over the measured targeted phase with JFR;
# BENCH_PROFILE=/tmp/x.collapsed with async-profiler's CPU samples instead, given
# ASYNC_PROFILER=<path to libasyncProfiler.so> (docs/performance.md).
# Usage: bench/notifications.sh [seconds of sustained sends, default 20] [concurrent senders, default 16]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -Dmaven.test.skip=true install -pl bench -am
./mvnw -B -q -ntp -Dmaven.test.skip=true clean package -pl auth-service,vehicle-service,notification-service,realtime-service,gateway -am
exec java -Dluxe.project.root="$PWD" -Dbench.service-jvm-options="${BENCH_SERVICE_JVM_OPTIONS:-}" \
  -Dbench.profile="${BENCH_PROFILE:-}" -Dbench.async-profiler="${ASYNC_PROFILER:-}" \
  -Dbench.seconds="${1:-20}" -Dbench.senders="${2:-16}" -Dbench.warm-up-seconds="${BENCH_WARMUP:-90}" \
  -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" com.luxedrive.bench.NotificationBenchmark
