#!/usr/bin/env bash
# Wall time of `modelpipe validate` and `modelpipe plan` on the example monorepo, as a user sees it
# (JVM start included): through bin/modelpipe (class-data-sharing archive, C1 only) and through a
# plain `java -jar`, with the JVM's own start-up as the floor. Prints the median of N runs
# (default 11) of each, in milliseconds, and the ratio of bin/modelpipe to plain java -jar.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-11}"
jar="$here/core/target/modelpipe.jar"
repo="$here/examples/inference-services"
"$here/bin/modelpipe" --version >/dev/null # builds the jar and the start-up archive when needed

median_ms() { # median_ms COMMAND...
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

setup=(--project machinelearning/liftwing/inference-services --commit 0123abc --branch master --timestamp 2026-01-02-030405)
echo "runs per command: $runs; $(java -version 2>&1 | head -1)"
v_bin=$(median_ms "$here/bin/modelpipe" validate "$repo" "${setup[@]}")
v_jar=$(median_ms java -jar "$jar" validate "$repo" "${setup[@]}")
p_bin=$(median_ms "$here/bin/modelpipe" plan "$repo" "${setup[@]}")
p_jar=$(median_ms java -jar "$jar" plan "$repo" "${setup[@]}")
v_git=$(median_ms "$here/bin/modelpipe" validate "$repo")
floor=$(median_ms java -version)
printf 'validate, bin/modelpipe:              %5d ms\n' "$v_bin"
printf 'validate, java -jar:                  %5d ms  (bin/modelpipe / java -jar = %s)\n' "$v_jar" "$(awk -v a="$v_bin" -v b="$v_jar" 'BEGIN{printf "%.2f", a/b}')"
printf 'validate, bin/modelpipe, setup from git:%5d ms\n' "$v_git"
printf 'plan, bin/modelpipe:                  %5d ms\n' "$p_bin"
printf 'plan, java -jar:                      %5d ms  (bin/modelpipe / java -jar = %s)\n' "$p_jar" "$(awk -v a="$p_bin" -v b="$p_jar" 'BEGIN{printf "%.2f", a/b}')"
printf 'java -version (JVM floor):            %5d ms\n' "$floor"
