#!/usr/bin/env bash
# Wall time of `modelpipe validate` and `modelpipe plan` on the example monorepo, as a user sees it
# (JVM start included). Prints the median of N runs (default 11) of each, in milliseconds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-11}"
jar="$here/core/target/modelpipe.jar"
[ -f "$jar" ] || mvn -q -B -f "$here/pom.xml" -pl core -am -DskipTests package
repo="$here/examples/inference-services"

median_ms() { # median_ms COMMAND...
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "runs per command: $runs"
echo "java -version: $(java -version 2>&1 | head -1)"
printf 'validate examples/inference-services: median %s ms\n' "$(median_ms java -jar "$jar" validate "$repo")"
printf 'plan examples/inference-services:     median %s ms\n' "$(median_ms java -jar "$jar" plan "$repo" --project demo --timestamp 2026-01-01-000000)"
printf 'java -version alone (JVM floor):      median %s ms\n' "$(median_ms java -version)"
