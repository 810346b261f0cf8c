#!/usr/bin/env bash
# Three replicas on one host: one embedded PostgreSQL, a standalone LinkedIn sandbox, three app processes on the
# lock-file cluster service behind a round-robin front for the webhooks; 10,000 leads (half back-filled by the leader,
# half a webhook burst), about 2 % withdrawn; kill -9 of the leader mid-back-fill and of a receiver mid-burst; one
# access-token expiry. Prints missing / duplicated / withdrawn-present counts, overlapping pollers, refresh calls for
# the expiry and the failover time.
#   bench/replicas.sh [--leads N] [--seed S] [--poll-delay-ms D] [--minutes M] [--report-dir DIR]
# Writes target/replicas/report.json and the processes' logs to target/replicas/logs/; exit code 0 only when clean.
set -euo pipefail
cd "$(dirname "$0")/.."
MVN_OFFLINE=${MVN_OFFLINE:--o}
mvn $MVN_OFFLINE -q test-compile
mkdir -p target/replicas
CP_FILE=target/chaos/classpath.txt
mkdir -p target/chaos
if [ ! -s "$CP_FILE" ] || [ pom.xml -nt "$CP_FILE" ]; then
  mvn $MVN_OFFLINE -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
fi
exec java -Xmx768m -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" io.leadsync.chaos.ReplicasRun "$@"
