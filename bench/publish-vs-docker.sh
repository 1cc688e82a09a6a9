#!/usr/bin/env bash
# `modelpipe publish` against `docker tag` + `docker push`, on one private Docker Engine and one
# local registry that this script starts and stops. Measures the wall time a user sees (JVM start
# included, through bin/modelpipe) of:
#   first push  - into an empty registry (storage wiped before each run, so nothing is mounted
#                 or skipped), a fresh repository name each time;
#   re-push     - the same image and tag again (nothing changed).
# Prints medians of N runs (default 5), the ratios modelpipe / docker, and the bytes the registry
# stored during the re-pushes (target 0). The image: busybox plus one layer of MB random bytes
# (default 100). Needs root (dockerd), docker.io, docker-registry, busybox-static: bin/setup-debian.
# Usage: bench/publish-vs-docker.sh [RUNS] [MB]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
megabytes="${2:-100}"
"$here/bin/setup-debian"
"$here/bin/modelpipe" --version >/dev/null # builds the jar and start-up archive when needed

work="$(mktemp -d /var/tmp/modelpipe-bench.XXXXXX)"
dockerd_pid="" registry_pid=""
cleanup() {
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null || true
  if [ -n "$dockerd_pid" ]; then
    kill "$dockerd_pid" 2>/dev/null || true
    wait "$dockerd_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- a private engine (as the test fixture starts it)
mkdir -p "$work/docker"
dockerd --data-root "$work/docker/root" --exec-root "$work/docker/exec" --pidfile "$work/docker/pid" \
  --host "unix://$work/docker/docker.sock" --storage-driver overlay2 --iptables=false --bridge=none \
  >"$work/docker/log" 2>&1 &
dockerd_pid=$!
export DOCKER_HOST="unix://$work/docker/docker.sock"
for _ in $(seq 100); do docker version >/dev/null 2>&1 && break; sleep 0.2; done
docker version >/dev/null

# --- a registry on a free loopback port; its storage is wiped for each first push
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
registry="127.0.0.1:$port"
storage="$work/registry"
cat >"$work/registry.yml" <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $storage}, delete: {enabled: true}}
http: {addr: $registry}
YAML
start_registry() {
  docker-registry serve "$work/registry.yml" >>"$work/registry.log" 2>&1 &
  registry_pid=$!
  for _ in $(seq 100); do curl -sf "http://$registry/v2/" >/dev/null && return; sleep 0.05; done
  echo "registry did not start" >&2; exit 1
}
fresh_registry() {
  kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true
  rm -rf "$storage"; start_registry
}
stored_bytes() { [ -d "$storage" ] && du -sb "$storage" | cut -f1 || echo 0; }
start_registry

# --- the image
mkdir -p "$work/busybox/bin" "$work/context"
cp /bin/busybox "$work/busybox/bin/"
for c in sh ls cat echo; do ln -s busybox "$work/busybox/bin/$c"; done
tar -C "$work/busybox" -c . | docker import - local/busybox:1 >/dev/null
head -c "$((megabytes * 1024 * 1024))" /dev/urandom >"$work/context/payload"
printf 'FROM local/busybox:1\nCOPY payload /payload\n' >"$work/context/Dockerfile"
DOCKER_BUILDKIT=0 docker build -q -t local/bench:1 "$work/context" >/dev/null 2>&1
rm -f "$work/context/payload"

ms() { # ms COMMAND... : wall time in milliseconds; fails the script when the command fails
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>"$work/last.err" || { cat "$work/last.err" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
modelpipe_publish() { "$here/bin/modelpipe" publish local/bench:1 --registry "$registry" --name "$1" --tag 1; }
docker_publish() { docker tag local/bench:1 "$registry/$1:1" && docker push -q "$registry/$1:1"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

mp_first=() dk_first=() mp_again=() dk_again=() mp_bytes=0 dk_bytes=0
for i in $(seq "$runs"); do
  # Alternate which tool goes first, so neither always meets a warmer page cache.
  for tool in $( ((i % 2)) && echo "modelpipe docker" || echo "docker modelpipe"); do
    fresh_registry
    name="$tool-$i"
    if [ "$tool" = modelpipe ]; then
      mp_first+=("$(ms modelpipe_publish "$name")")
      before=$(stored_bytes); mp_again+=("$(ms modelpipe_publish "$name")")
      mp_bytes=$((mp_bytes + $(stored_bytes) - before))
    else
      dk_first+=("$(ms docker_publish "$name")")
      before=$(stored_bytes); dk_again+=("$(ms docker_publish "$name")")
      dk_bytes=$((dk_bytes + $(stored_bytes) - before))
    fi
  done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
echo "runs: $runs; image: busybox + ${megabytes} MB layer; engine $(docker version --format '{{.Server.Version}}'); registry $(docker-registry --version | awk '{print $3}'); $(java -version 2>&1 | head -1)"
printf 'first push   modelpipe %6d ms   docker %6d ms   ratio %s\n' "$(median "${mp_first[@]}")" "$(median "${dk_first[@]}")" "$(ratio "$(median "${mp_first[@]}")" "$(median "${dk_first[@]}")")"
printf 're-push      modelpipe %6d ms   docker %6d ms   ratio %s\n' "$(median "${mp_again[@]}")" "$(median "${dk_again[@]}")" "$(ratio "$(median "${mp_again[@]}")" "$(median "${dk_again[@]}")")"
printf 'bytes stored by re-pushes (all runs): modelpipe %d, docker %d\n' "$mp_bytes" "$dk_bytes"
echo "all runs (ms): modelpipe first ${mp_first[*]}; docker first ${dk_first[*]}; modelpipe re-push ${mp_again[*]}; docker re-push ${dk_again[*]}"
