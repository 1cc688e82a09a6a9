# shellcheck shell=bash
# Shell helpers shared by bin/demo and bench/*.sh: the services a real run needs on a Debian machine
# that has none running, started privately and stopped again. Source this file, then:
#
#   mp_services_trap                 # once: stop what was started when the script exits
#   mp_temp_dir work PREFIX          # work=a temporary directory, removed on exit
#   mp_engine_start CACHE_DIR        # a Docker Engine: sets DOCKER_HOST
#   mp_registry_start                # a local registry: sets MP_REGISTRY (127.0.0.1:PORT)
#   mp_base_image_load               # local/bookworm:latest on that engine (MP_BASE_IMAGE)
#
# Needs what bin/setup-debian installs (docker.io, docker-registry, debootstrap, curl, python3), and
# root (or sudo) to start dockerd and to debootstrap. Engine data roots and the base-image tarball
# are caches and stay; sockets, logs and registry storage are removed on exit.

# shellcheck disable=SC2034 # constants for the scripts that source this file
MP_BASE_IMAGE="local/bookworm:latest"
# The base the example services' Blubber files name, and the map that builds them on MP_BASE_IMAGE.
MP_EXAMPLES_BASE="docker-registry.wikimedia.org/bookworm:20240609"
MP_BASE_MAP="$MP_EXAMPLES_BASE=$MP_BASE_IMAGE"
# One debootstrap per machine: the tests (DockerEngineFixture) cache the same tarball here.
MP_BOOKWORM_TARBALL="${MP_BOOKWORM_TARBALL:-/var/tmp/modelpipe-test/bookworm-minbase-python3.tar}"

mp_sudo=""
[ "$(id -u)" -eq 0 ] || mp_sudo="sudo"
_mp_dockerd_pid="" _mp_dockerd_run="" _mp_registry_pid="" _mp_registry_dir=""

mp_log() { printf '%s\n' "$*" >&2; }
mp_die() { # mp_die EXIT_CODE MESSAGE
  local code="$1"; shift
  mp_log "error: $*"
  exit "$code"
}

# Stops the registry and the engine this script started (never one it found running), removes
# their run directories. Idempotent.
mp_services_stop() {
  if [ -n "$_mp_registry_pid" ]; then
    kill "$_mp_registry_pid" 2>/dev/null || true
    wait "$_mp_registry_pid" 2>/dev/null || true
    _mp_registry_pid=""
  fi
  [ -z "$_mp_registry_dir" ] || rm -rf "$_mp_registry_dir"
  _mp_registry_dir=""
  if [ -n "$_mp_dockerd_pid" ]; then
    $mp_sudo kill "$_mp_dockerd_pid" 2>/dev/null || true
    # dockerd stops its containers and containerd first: give it the time it needs.
    for _ in $(seq 200); do [ -d "/proc/$_mp_dockerd_pid" ] || break; sleep 0.1; done
    _mp_dockerd_pid=""
    _mp_unmount_under "$_mp_dockerd_run"
    $mp_sudo rm -rf "$_mp_dockerd_run" || true
  fi
  return 0
}

# dockerd leaves its network namespace mounted (exec root/netns/default) after it stops.
_mp_unmount_under() { # DIR
  local mount
  awk -v dir="$1/" 'index($2, dir) == 1 {print $2}' /proc/mounts | while read -r mount; do
    $mp_sudo umount "$mount" 2>/dev/null || true
  done
}

# Sets VAR to a new temporary directory, removed on exit after the services stopped. (Not through
# $(...): the subshell would forget the directory.)
mp_temp_dir() { # mp_temp_dir VAR PREFIX
  local dir
  dir="$(mktemp -d "${TMPDIR:-/tmp}/$2.XXXXXX")"
  _mp_temp_dirs+=("$dir")
  printf -v "$1" '%s' "$dir"
}
_mp_temp_dirs=()

_mp_on_exit() {
  mp_services_stop
  [ ${#_mp_temp_dirs[@]} -eq 0 ] || rm -rf "${_mp_temp_dirs[@]}" || true
}

mp_services_trap() {
  trap '_mp_on_exit' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

_mp_engine_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# Uses the engine at DOCKER_HOST (or the default socket) when it answers; else starts a private
# dockerd whose data root is CACHE_DIR/docker (kept, so images and build cache survive), with its
# socket, exec root and log in CACHE_DIR/run (removed on exit). No bridge network
# (--bridge=none --iptables=false, as the tests): builds and containers need network mode host.
# One engine per CACHE_DIR at a time (a lock); overlay2, else vfs.
mp_engine_start() {
  local cache="$1" driver root
  if _mp_engine_answers; then
    mp_log "engine: using the one at ${DOCKER_HOST:-unix:///var/run/docker.sock}"
    return
  fi
  [ -n "${DOCKER_HOST:-}" ] && mp_log "engine: nothing answers at DOCKER_HOST=$DOCKER_HOST; starting a private one"
  command -v dockerd >/dev/null || [ -x /usr/sbin/dockerd ] || mp_die 3 "dockerd is missing (apt-get install docker.io)"
  $mp_sudo mkdir -p "$cache"
  exec {_mp_engine_lock}>"$cache/engine.lock"
  flock -n "$_mp_engine_lock" || mp_die 3 "another script uses the engine of $cache; wait for it or stop it"
  for driver in overlay2 vfs; do
    root="$cache/docker"; [ "$driver" = overlay2 ] || root="$cache/docker-$driver"
    _mp_dockerd_run="$cache/run"
    _mp_unmount_under "$_mp_dockerd_run" # left by an engine that was killed
    $mp_sudo rm -rf "$_mp_dockerd_run"
    $mp_sudo mkdir -p "$_mp_dockerd_run" "$root"
    export DOCKER_HOST="unix://$_mp_dockerd_run/docker.sock"
    # --group: a user running this through sudo can use the socket.
    $mp_sudo dockerd --data-root "$root" --exec-root "$_mp_dockerd_run/exec" --pidfile "$_mp_dockerd_run/pid" \
      --host "$DOCKER_HOST" --group "$(id -g)" --storage-driver "$driver" --iptables=false --bridge=none \
      >"$_mp_dockerd_run/dockerd.log" 2>&1 &
    _mp_dockerd_pid=$!
    for _ in $(seq 300); do
      _mp_engine_answers && { mp_log "engine: private dockerd ($driver), data root $root"; return; }
      [ -d "/proc/$_mp_dockerd_pid" ] || break
      sleep 0.2
    done
    mp_log "engine: dockerd with $driver did not start: $(tail -n 3 "$_mp_dockerd_run/dockerd.log" | tr '\n' ' ')"
    mp_services_stop
  done
  mp_die 3 "no Docker Engine (see the dockerd log lines above)"
}

# Starts Docker Distribution (Debian's docker-registry) on a free loopback port with storage in a
# temporary directory; exports MP_REGISTRY=127.0.0.1:PORT and MP_REGISTRY_STORAGE.
mp_registry_start() {
  local port
  command -v docker-registry >/dev/null || mp_die 3 "docker-registry is missing (apt-get install docker-registry)"
  _mp_registry_dir="$(mktemp -d "${TMPDIR:-/tmp}/mp-registry.XXXXXX")"
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  export MP_REGISTRY="127.0.0.1:$port" MP_REGISTRY_STORAGE="$_mp_registry_dir/storage"
  cat >"$_mp_registry_dir/config.yml" <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $MP_REGISTRY_STORAGE}, delete: {enabled: true}}
http: {addr: $MP_REGISTRY}
YAML
  _mp_registry_serve
  mp_log "registry: http://$MP_REGISTRY (storage $MP_REGISTRY_STORAGE)"
}

_mp_registry_serve() {
  docker-registry serve "$_mp_registry_dir/config.yml" >>"$_mp_registry_dir/registry.log" 2>&1 &
  _mp_registry_pid=$!
  for _ in $(seq 200); do
    curl -sf "http://$MP_REGISTRY/v2/" >/dev/null && return
    kill -0 "$_mp_registry_pid" 2>/dev/null || break
    sleep 0.05
  done
  mp_die 3 "registry did not start: $(tail -n 3 "$_mp_registry_dir/registry.log" | tr '\n' ' ')"
}

# Empties the registry started by mp_registry_start (restarts it on the same port).
mp_registry_wipe() {
  kill "$_mp_registry_pid" 2>/dev/null || true
  wait "$_mp_registry_pid" 2>/dev/null || true
  rm -rf "$MP_REGISTRY_STORAGE"
  _mp_registry_serve
}

# Makes sure MP_BASE_IMAGE exists on the engine: imports the cached debootstrap tarball, first
# making it (Debian bookworm minbase with python3 and python3-venv, from this machine's Debian
# mirror, about a minute) when no run on this machine made it yet.
mp_base_image_load() {
  docker image inspect "$MP_BASE_IMAGE" >/dev/null 2>&1 && return
  [ -f "$MP_BOOKWORM_TARBALL" ] || _mp_bookworm_debootstrap
  mp_log "base image: importing $MP_BOOKWORM_TARBALL as $MP_BASE_IMAGE"
  docker import "$MP_BOOKWORM_TARBALL" "$MP_BASE_IMAGE" >/dev/null
}

_mp_bookworm_debootstrap() {
  local dir root partial mirror
  dir="$(dirname "$MP_BOOKWORM_TARBALL")"
  command -v debootstrap >/dev/null || [ -x /usr/sbin/debootstrap ] || mp_die 3 "debootstrap is missing (apt-get install debootstrap)"
  mirror="$(_mp_debian_mirror)"
  $mp_sudo mkdir -p "$dir"
  root="$($mp_sudo mktemp -d "$dir/bookworm-root.XXXXXX")"
  partial="$($mp_sudo mktemp "$dir/bookworm.tar.XXXXXX")"
  mp_log "base image: debootstrap bookworm from $mirror (once per machine, about a minute)"
  $mp_sudo debootstrap --variant=minbase --include=python3,python3-venv bookworm "$root" "$mirror" >/dev/null ||
    mp_die 3 "debootstrap failed (is $mirror reachable?)"
  $mp_sudo sh -c "rm -rf '$root'/var/cache/apt/archives/*.deb '$root'/var/lib/apt/lists/*"
  $mp_sudo tar --numeric-owner -C "$root" -cf "$partial" .
  $mp_sudo rm -rf "$root"
  $mp_sudo chmod 644 "$partial"
  $mp_sudo mv -f "$partial" "$MP_BOOKWORM_TARBALL" # atomic: a test run making it meanwhile sees one or the other
}

# The first mirror in the APT sources that serves bookworm, as DockerEngineFixture finds it.
_mp_debian_mirror() {
  local mirror
  mirror="$(awk 'tolower($1) == "uris:" {u = $2} tolower($1) == "suites:" {for (i = 2; i <= NF; i++) if ($i == "bookworm" && u != "") {print u; exit}} /^[[:space:]]*$/ {u = ""}' \
    /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)"
  [ -n "$mirror" ] || mirror="$(sed -E 's/\[[^]]*\]//' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '$1 == "deb" && $3 == "bookworm" {print $2; exit}')"
  printf '%s\n' "${mirror:-http://deb.debian.org/debian}"
}

# A git working copy of examples/inference-services at DEST, as CI checks it out: one commit (fixed
# author and date, so the same tree gives the same commit) on branch master, with Wikimedia's Gerrit
# as origin, from which modelpipe derives the project name
# (machinelearning/liftwing/inference-services) and the commit it labels images with.
mp_example_checkout() { # mp_example_checkout REPO_ROOT DEST
  local source="$1/examples/inference-services" dest="$2"
  mkdir -p "$dest"
  cp -a "$source/." "$dest/"
  (
    cd "$dest" || exit
    export GIT_AUTHOR_NAME=demo GIT_AUTHOR_EMAIL=demo@example.org GIT_AUTHOR_DATE=2026-01-01T00:00:00Z
    export GIT_COMMITTER_NAME=demo GIT_COMMITTER_EMAIL=demo@example.org GIT_COMMITTER_DATE=2026-01-01T00:00:00Z
    git init -q -b master .
    git remote add origin https://gerrit.wikimedia.org/r/machinelearning/liftwing/inference-services.git
    git add -A
    git commit -q -m "inference-services example"
  )
}
