#!/usr/bin/env bash
# Starts the whole platform on this machine with only a JDK 17+: builds what is missing, then runs the launcher
# (embedded PostgreSQL, Kafka and Redis, the five services as processes). Ctrl-C stops everything.
# Data and logs go to .data/ (delete it to start from scratch). Ports and the admin login can be overridden by
# environment variables; see README.md.
set -euo pipefail
cd "$(dirname "$0")"

launcher=local-platform/target/local-platform.jar
build=false
for service in auth-service vehicle-service notification-service realtime-service gateway; do
  [ -f "$service/target/$service.jar" ] || build=true
done
[ -f "$launcher" ] || build=true
if [ "$build" = false ] && [ -n "$(find . -path ./.data -prune -o -path '*/target' -prune -o \
      \( -name '*.java' -o -name '*.yml' -o -name '*.sql' -o -name 'pom.xml' \) -newer "$launcher" -print -quit)" ]; then
  build=true
fi
if [ "$build" = true ]; then
  echo "Building the platform (first run or changed sources)…"
  ./mvnw -B -q -ntp -Dmaven.test.skip=true install
fi

export LUXE_PROJECT_ROOT="$PWD"
exec java -cp "$launcher:local-platform/target/lib/*" com.luxedrive.local.LocalPlatformMain "$@"
