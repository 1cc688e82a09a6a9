#!/usr/bin/env bash
# Builds and runs the JMH benchmarks (validate and plan of a generated 30-service monorepo).
# Extra arguments go to JMH, e.g. `bench/run-jmh.sh -p services=100`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mvn -q -B -Dstyle.color=never -f "$here/pom.xml" -Pbench -pl core,bench -am -DskipTests install
exec java -jar "$here/bench/target/benchmarks.jar" "$@"
