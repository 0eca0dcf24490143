#!/usr/bin/env bash
# vehicle-service: the staff search by part of a VIN or plate over 100 000 and 1 000 000 vehicles, with and without
# the trigram indexes (V5__vehicle_search_trigrams.sql). BENCH_SEARCHES: searches per figure (default 200).
# Usage: bench/vehicle-search.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -Dmaven.test.skip=true install -pl bench -am
./mvnw -B -q -ntp -Dmaven.test.skip=true clean package -pl auth-service,vehicle-service -am
exec java -Dluxe.project.root="$PWD" -Dbench.searches="${BENCH_SEARCHES:-200}" \
  -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" com.luxedrive.bench.VehicleSearchBenchmark
