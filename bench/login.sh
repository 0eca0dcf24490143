#!/usr/bin/env bash
# Login throughput of auth-service against the raw PasswordEncoder.matches ceiling, then latency at 15 logins/s.
# Usage: bench/login.sh [seconds per phase, default 20] [fixed rate, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -Dmaven.test.skip=true install -pl bench -am
./mvnw -B -q -ntp -Dmaven.test.skip=true clean package -pl auth-service,vehicle-service,notification-service,realtime-service,gateway -am
exec java -Dluxe.project.root="$PWD" -Dbench.seconds="${1:-20}" -Dbench.rate="${2:-15}" -Dbench.warm-up-seconds="${BENCH_WARMUP:-90}" \
  -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" com.luxedrive.bench.LoginBenchmark
