#!/bin/sh
# The benchmark command (README "Benchmarks"): one standalone LinkedIn sandbox, and against it the raw-fetch ceiling,
# the shipped app's back-fill into H2 and embedded PostgreSQL beside a hand-written loop, LinkedIn calls per back-fill,
# push latency and start -> ready (from target/classes and from the container image's layout with its class-data
# archive). Prints one table and writes target/bench/report.json.
#
#   bench/run.sh               100,000 leads, push for 60 s
#   bench/run.sh --quick       push for 10 s
#   bench/run.sh --million     1,000,000 leads, the app in -Xmx256m (peak heap reported)
#   options: --leads N, --databases h2|postgresql|h2,postgresql, --poll-delay MS (the app's poll delay; its shipped setting otherwise), --keep (keep the temporary folder and its logs)
#
# BENCH_MAVEN_OPTS (default -o) is passed to Maven; BENCH_SKIP_BUILD=1 skips the build; BENCH_APP_JVM_OPTS adds JVM
# options to the app (e.g. -XX:StartFlightRecording=filename=/tmp/app.jfr,settings=profile). Not part of `mvn verify`.
set -eu
cd "$(dirname "$0")/.."
MVN="mvn -q ${BENCH_MAVEN_OPTS--o}"
mkdir -p target/bench
IMAGE=target/bench/image
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  # the jar and its runtime dependencies as deploy/container/Dockerfile builds them (its lib/), and the test classes
  rm -rf $IMAGE
  $MVN package -DskipTests dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=$IMAGE/lib
  cp target/camel-linkedin-leadsync-*.jar $IMAGE/lib/
  cp -r application.properties routes kamelets $IMAGE/
fi
# the app as the shipped command runs it (mvn exec:java: compile scope); the benchmark's own tools add test scope
$MVN dependency:build-classpath -DincludeScope=compile -Dmdep.outputFile=target/bench/classpath-compile.txt >/dev/null
$MVN dependency:build-classpath -DincludeScope=test -Dmdep.outputFile=target/bench/classpath-test.txt >/dev/null
APP_CP="target/classes:$(cat target/bench/classpath-compile.txt)"
BENCH_CP="target/test-classes:target/classes:$(cat target/bench/classpath-test.txt)"

# the Java side stops its children on exit; this forwards Ctrl-C and TERM to it so that it can
java -Xmx1g -cp "$BENCH_CP" io.leadsync.bench.BenchMain --app-classpath "$APP_CP" --bench-classpath "$BENCH_CP" --image-dir "$IMAGE" "$@" &
BENCH=$!
trap 'kill -TERM $BENCH 2>/dev/null; wait $BENCH' INT TERM
wait $BENCH
