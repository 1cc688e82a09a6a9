#!/usr/bin/env bash
# `modelpipe run` against a shell script doing the same work with the docker CLI and curl, one step
# after another as PipelineLib does: one example service's test and publish path, pipelines
# `outlink` and `outlink-publish` of examples/inference-services, in a post-merge context.
#
#   shell path (per pipeline, per stage, in order):
#     docker build --target test  -> docker tag (local name) -> docker run --rm (tox: flake8, black, pytest)
#     docker build --target production -> docker tag                       (pipeline outlink)
#     docker build --target production -> docker tag                       (pipeline outlink-publish)
#     docker tag + docker push per tag (<timestamp>-publish, stable) -> curl the registry for the digest
#     docker rmi --force --no-prune of the images built (the build cache stays, as with modelpipe)
#   modelpipe path: bin/modelpipe run REPO --pipeline outlink --pipeline outlink-publish
#     --event post-merge --registry ... (JVM start included, as a user runs it)
#
# The shell path's Dockerfiles are made with `modelpipe blubber` (same --base-map and --pip-offline)
# before any timing: PipelineLib gets them from Blubber's buildkit frontend, which this classic
# builder has no equivalent of, so the shell path is timed without that step.
#
# Cold: before each run every image but the base (local/bookworm:latest) is removed, so the
# build cache is empty, and the registry is emptied. Warm: after one run of each path, nothing is
# removed between runs (the registry keeps its layers, so re-pushes upload nothing new). The two
# paths alternate which goes first in each round. Prints the median of N runs (default 3) of each
# and the ratios modelpipe / shell (target <= 1.0).
#
#   bench/run-vs-shell.sh [RUNS]        # COLD_RUNS, WARM_RUNS (default RUNS) set each kind apart
#
# Needs root (dockerd, debootstrap) and Debian's packages (bin/setup-debian installs them). Starts a
# private engine (data root cached in /var/tmp/modelpipe-bench) unless one answers at DOCKER_HOST,
# and a registry on a free loopback port; stops both on exit. Builds reach Debian's mirror (network
# host), so cold figures follow the mirror's speed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
cold_runs="${COLD_RUNS:-$runs}"
warm_runs="${WARM_RUNS:-$runs}"
# shellcheck source=bin/lib/services.sh
source "$here/bin/lib/services.sh"

"$here/bin/setup-debian"
"$here/bin/modelpipe" --version >/dev/null # builds the jar and the start-up archive when needed
mp_services_trap
mp_engine_start /var/tmp/modelpipe-bench
mp_registry_start
mp_base_image_load

work="" # set by mp_temp_dir
mp_temp_dir work mp-run-bench
repo="$work/inference-services"
mp_example_checkout "$here" "$repo"
# ${setup.project} as PipelineLib makes it from the remote's path (slashes become dashes).
project="machinelearning-liftwing-inference-services"
commit="$(git -C "$repo" rev-parse HEAD)"
source_url="$(git -C "$repo" remote get-url origin)"
namespace="$MP_REGISTRY/wikimedia"
image_name="$project-outlink"
blubber=.pipeline/outlink/blubber.yaml

for variant in test production; do
  (cd "$repo" && "$here/bin/modelpipe" blubber "$blubber" "$variant" --base-map "$MP_BASE_MAP" --pip-offline) \
    >"$work/Dockerfile.$variant" 2>/dev/null
done

# ---- the shell path

random_name() { tr -dc a-z0-9 </dev/urandom | head -c 8 || true; }

# shell_build PIPELINE VARIANT: builds as PipelineRunner.build does, names the image as
# assignLocalName does; appends the ID to $work/built; prints the ID.
shell_build() {
  local pipeline="$1" variant="$2" id
  DOCKER_BUILDKIT=0 docker build --force-rm=true --network host --build-arg PIP_NO_INDEX=1 \
    --label "ci.project=$project" --label "ci.pipeline=$pipeline" --label "org.opencontainers.image.revision=$commit" \
    --label "org.opencontainers.image.source=$source_url" --label "org.opencontainers.image.created=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    --iidfile "$work/iid" --file "$work/Dockerfile.$variant" --target "$variant" "$repo" >&2
  id="$(cat "$work/iid")"; id="${id#sha256:}"
  docker tag "$id" "localhost/plib-image-$(random_name)"
  echo "$id" >>"$work/built"
  echo "$id"
}

shell_pipelines() { # TIMESTAMP
  local timestamp="$1" id tag digest
  : >"$work/built"
  # pipeline outlink: stage run-test (build test, run it), stage production
  id="$(shell_build outlink test)"
  docker run --name "plib-run-$(random_name)" --rm=true --network host "sha256:$id" >&2
  shell_build outlink production >/dev/null
  # pipeline outlink-publish: stage publish (build production, push each tag, read the digest)
  id="$(shell_build outlink-publish production)"
  for tag in "$timestamp-publish" stable; do
    docker tag "$id" "$namespace/$image_name:$tag"
    docker push "$namespace/$image_name:$tag"
  done
  digest="$(curl -sfI -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$MP_REGISTRY/v2/wikimedia/$image_name/manifests/stable" | tr -d '\r' | awk 'tolower($1) == "docker-content-digest:" {print $2}')"
  [ -n "$digest" ] || { echo "shell path: no digest for $image_name:stable" >&2; return 1; }
  echo "published $namespace/$image_name@$digest"
  # teardown, as PipelineLib's removeImages; --no-prune keeps the classic builder's cache
  # shellcheck disable=SC2046 # one ID a line
  docker rmi --force --no-prune $(sort -u "$work/built")
}

modelpipe_pipelines() { # TIMESTAMP
  "$here/bin/modelpipe" run "$repo" --pipeline outlink --pipeline outlink-publish --event post-merge \
    --registry "$namespace" --base-map "$MP_BASE_MAP" --pip-offline --network host --timestamp "$1" \
    --log-dir "$work/logs"
}

# ---- timing

# Removes every image but the base (the classic builder's cache is its intermediate images), and
# empties the registry.
cold_caches() {
  local base ids
  base="$(docker image inspect --format '{{.Id}}' "$MP_BASE_IMAGE")"
  for _ in $(seq 20); do
    ids="$(docker images -aq --no-trunc | sort -u | grep -vx "$base" || true)"
    [ -n "$ids" ] || break
    # shellcheck disable=SC2086 # one ID a line; children first fails for parents, next round gets them
    docker rmi --force $ids >/dev/null 2>&1 || true
  done
  docker container prune -f >/dev/null
  mp_registry_wipe
}

timestamp() { date -u +%Y-%m-%d-%H%M%S; }

ms() { # ms TOOL: wall time of one run in milliseconds; the run must succeed
  local start end log="$work/$1.log"
  sleep 1 # distinct timestamps
  start=$(date +%s%N)
  "${1}_pipelines" "$(timestamp)" >"$log" 2>&1 || { tail -n 30 "$log" >&2; echo "bench: the $1 path failed" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

mp_cold=() sh_cold=() mp_warm=() sh_warm=()
for i in $(seq "$cold_runs"); do
  for tool in $( ((i % 2)) && echo "modelpipe shell" || echo "shell modelpipe"); do
    cold_caches
    t="$(ms "$tool")"
    if [ "$tool" = modelpipe ]; then mp_cold+=("$t"); else sh_cold+=("$t"); fi
    echo "cold run $i: $tool $t ms" >&2
  done
done
ms modelpipe >/dev/null; ms shell >/dev/null # both caches warm, both images in the registry
for i in $(seq "$warm_runs"); do
  for tool in $( ((i % 2)) && echo "modelpipe shell" || echo "shell modelpipe"); do
    t="$(ms "$tool")"
    if [ "$tool" = modelpipe ]; then mp_warm+=("$t"); else sh_warm+=("$t"); fi
    echo "warm run $i: $tool $t ms" >&2
  done
done

report() { # KIND: its medians and ratio, when it ran
  local -n m="mp_$1" sh="sh_$1"
  [ ${#m[@]} -gt 0 ] || return 0
  printf '%-5s modelpipe %7d ms   shell %7d ms   ratio %s   (%d runs)\n' "$1" "$(median "${m[@]}")" "$(median "${sh[@]}")" \
    "$(ratio "$(median "${m[@]}")" "$(median "${sh[@]}")")" "${#m[@]}"
}
echo "pipelines outlink + outlink-publish (post-merge); engine $(docker version --format '{{.Server.Version}}'); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
report cold
report warm
echo "all runs (ms): modelpipe cold ${mp_cold[*]}; shell cold ${sh_cold[*]}; modelpipe warm ${mp_warm[*]}; shell warm ${sh_warm[*]}"
