#!/usr/bin/env bash
# modelpipe build vs docker build (classic builder) of the same Dockerfile and context, on one
# engine, side by side: cold cache (--no-cache both) and warm cache. Prints medians and ratios
# (modelpipe / docker; target <= 1.05).
#
#   bench/build-vs-docker.sh [BLUBBER_FILE VARIANT]
#
# Default: the revertrisk example's production variant on local/bookworm:latest, offline pip.
# Uses $DOCKER_HOST when set; otherwise starts a private engine (root, dockerd) whose data root is
# cached in /var/tmp/modelpipe-bench. COLD_RUNS (3) and WARM_RUNS (5) set the repetitions.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
examples="$here/examples/inference-services"
file="${1:-$examples/.pipeline/revertrisk/blubber.yaml}"
variant="${2:-production}"
context="${CONTEXT:-$examples}"
cold_runs="${COLD_RUNS:-3}"
warm_runs="${WARM_RUNS:-5}"
cache=/var/tmp/modelpipe-bench

"$here/bin/setup-debian"
mvn -q -B -ntp -f "$here/pom.xml" -pl core -am -DskipTests package >&2
# bin/modelpipe as users run it (start-up archive, C1); plain `java -jar` for comparison on warm builds
"$here/bin/modelpipe" --version >/dev/null # makes the start-up archive when needed
modelpipe=("$here/bin/modelpipe")
plain=(java -XX:TieredStopAtLevel=1 -jar "$here/core/target/modelpipe.jar")

# shellcheck source=bin/lib/services.sh
source "$here/bin/lib/services.sh"
mp_services_trap
mp_engine_start "$cache"
mp_base_image_load

work="" # set by mp_temp_dir
mp_temp_dir work mp-build-bench
"${modelpipe[@]}" blubber "$file" "$variant" --base-map "$MP_BASE_MAP" --pip-offline >"$work/Dockerfile" 2>/dev/null

now() { date +%s.%N; }
time_modelpipe() { # extra flags...
  local start; start=$(now)
  "${cmd[@]}" build --blubber "$file" --variant "$variant" --context "$context" --network host \
    --base-map "$MP_BASE_MAP" --pip-offline "$@" >/dev/null 2>"$work/modelpipe.log" || { cat "$work/modelpipe.log" >&2; exit 1; }
  echo "$(now) - $start" | bc
}
time_docker() {
  local start; start=$(now)
  DOCKER_BUILDKIT=0 docker build -q --network host -f "$work/Dockerfile" --target "$variant" \
    --build-arg PIP_NO_INDEX=1 "$@" "$context" >/dev/null 2>"$work/docker.log" || { cat "$work/docker.log" >&2; exit 1; }
  echo "$(now) - $start" | bc
}
cmd=("${modelpipe[@]}")
time_plain() { local cmd=("${plain[@]}"); time_modelpipe "$@"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "engine $DOCKER_HOST; $(basename "$(dirname "$file")") $variant; context $context" >&2
: >"$work/cold-m"; : >"$work/cold-d"; : >"$work/warm-m"; : >"$work/warm-d"; : >"$work/warm-p"
for i in $(seq "$cold_runs"); do
  time_modelpipe --no-cache >>"$work/cold-m"
  time_docker --no-cache >>"$work/cold-d"
  echo "cold run $i: modelpipe $(tail -1 "$work/cold-m") s, docker $(tail -1 "$work/cold-d") s" >&2
done
time_modelpipe >/dev/null; time_docker >/dev/null # fill the cache
for i in $(seq "$warm_runs"); do
  time_modelpipe >>"$work/warm-m"
  time_docker >>"$work/warm-d"
  time_plain >>"$work/warm-p"
done
for kind in cold warm; do
  [ -s "$work/$kind-m" ] || continue # COLD_RUNS=0
  m=$(median <"$work/$kind-m"); d=$(median <"$work/$kind-d")
  printf '%s cache: modelpipe median %.2f s, docker build median %.2f s, ratio %.3f (runs: %s)\n' \
    "$kind" "$m" "$d" "$(echo "$m / $d" | bc -l)" "$(wc -l <"$work/$kind-m")"
done
p=$(median <"$work/warm-p"); d=$(median <"$work/warm-d")
printf 'warm cache: plain java -jar median %.2f s, ratio %.3f to docker build\n' "$p" "$(echo "$p / $d" | bc -l)"
