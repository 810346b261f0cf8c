#!/usr/bin/env bash
# The chaos run ("Nothing lost, nothing resurrected"): a standalone LinkedIn sandbox and the app as separate processes,
# leads at a rate with withdrawals, faults, two kill -9 of the app, then the app's tables against the sandbox's truth.
#   bench/chaos.sh [--quick] [--leads N] [--minutes M] [--seed S] [--seeded-leads K] [--keep]
# Writes target/chaos/report.json and the processes' logs to target/chaos/logs/; exit code 0 only when every count is 0.
set -euo pipefail
cd "$(dirname "$0")/.."
MVN_OFFLINE=${MVN_OFFLINE:--o}
mvn $MVN_OFFLINE -q test-compile
mkdir -p target/chaos
CP_FILE=target/chaos/classpath.txt
if [ ! -s "$CP_FILE" ] || [ pom.xml -nt "$CP_FILE" ]; then
  mvn $MVN_OFFLINE -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
fi
exec java -Xmx512m -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" io.leadsync.chaos.ChaosRun "$@"
