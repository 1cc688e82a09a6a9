#!/usr/bin/env bash
# Wall time of `modelpipe wiring --check` on a generated monorepo of N services (default 30) sharing
# code, against an integration/config checkout that `wiring --write` brought up to date (so the
# whole check runs: JJB, Zuul's lists, and every filter against every path of the tree). Prints
# the median of R runs (default 7) in milliseconds, and the ratio to `modelpipe affected` on the
# same repository (the same start-up and analysis, without the layout) and to the JVM floor.
# Target: under 2 s for 30 services.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
services="${1:-30}"
runs="${2:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$here/bin/modelpipe" --version >/dev/null # builds the jar when needed

repo="$work/monorepo"
mkdir -p "$repo/.pipeline" "$repo/python/lib"
printf 'kserve\n' >"$repo/python/requirements.txt"
printf 'def serve():\n    pass\n' >"$repo/python/lib/server.py"
printf '[tox]\nenvlist = flake8\n' >"$repo/tox.ini"
printf '.git\n**/__pycache__\n' >"$repo/.dockerignore"
echo "pipelines:" >"$repo/.pipeline/config.yaml"
for i in $(seq 0 $((services - 1))); do
  s="svc$i"
  mkdir -p "$repo/.pipeline/$s" "$repo/$s/model_server" "$repo/$s/tests"
  printf 'VALUE = %d\n' "$i" >"$repo/$s/model_server/model.py"
  printf 'fastapi\n' >"$repo/$s/model_server/requirements.txt"
  printf 'def test():\n    pass\n' >"$repo/$s/tests/test_model.py"
  cat >"$repo/.pipeline/$s/blubber.yaml" <<YAML
version: v4
base: docker-registry.wikimedia.org/bookworm:20240609
lives:
  in: /srv/app
variants:
  build:
    python:
      version: python3
      requirements: [$s/model_server/requirements.txt, python/requirements.txt]
  production:
    includes: [build]
    copies:
      - from: local
        source: $s/model_server
        destination: $s/model_server
      - from: local
        source: python
        destination: python
  test:
    copies:
      - from: local
        source: $s
        destination: $s
      - from: local
        source: python
        destination: python
      - from: local
        source: tox.ini
        destination: tox.ini
YAML
  cat >>"$repo/.pipeline/config.yaml" <<YAML
  $s:
    blubberfile: $s/blubber.yaml
    stages:
      - name: run-test
        build: test
        run: true
  $s-publish:
    blubberfile: $s/blubber.yaml
    stages:
      - name: publish
        build: production
        publish:
          image:
            name: '\${setup.project}-$s'
YAML
done
git -C "$repo" init -q -b main
git -C "$repo" add -A
git -C "$repo" -c user.name=bench -c user.email=bench@example.org commit -q -m services

config="$work/integration-config"
mkdir -p "$config/jjb" "$config/zuul"
printf -- '- project:\n    name: services\n    pipeline:\n      - svc0\n    jobs:\n      - %s\n      - %s\n' \
  "'trigger-{name}-pipeline-{pipeline}'" "'{name}-pipeline-{pipeline}'" >"$config/jjb/project-pipelines.yaml"
printf 'jobs:\n  - name: ^other-job$\n    voting: false\n\nprojects:\n  - name: ml/services\n    test:\n      - trigger-services-pipeline-svc0\n' \
  >"$config/zuul/layout.yaml"
"$here/bin/modelpipe" wiring "$repo" --name services --zuul-project ml/services --write "$config" >/dev/null

median_ms() { # median_ms COMMAND...
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo "bench: $* failed" >&2; "$@" >&2 || true; exit 1; }
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

setup=(--project ml/services --commit 0123abc --branch main --timestamp 2026-01-02-030405)
echo "services: $services ($((2 * services)) pipelines, $(git -C "$repo" ls-files | wc -l) files); runs per command: $runs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
check=$(median_ms "$here/bin/modelpipe" wiring "$repo" --name services --check "$config" "${setup[@]}")
affected=$(median_ms "$here/bin/modelpipe" affected "$repo" --since HEAD "${setup[@]}")
floor=$(median_ms java -version)
printf 'wiring --check:        %5d ms  (target < 2000 ms: %s)\n' "$check" "$([ "$check" -lt 2000 ] && echo met || echo MISSED)"
printf 'affected --since HEAD: %5d ms  (wiring --check / affected = %s)\n' "$affected" "$(awk -v a="$check" -v b="$affected" 'BEGIN{printf "%.2f", a/b}')"
printf 'java -version (floor): %5d ms  (wiring --check / floor = %s)\n' "$floor" "$(awk -v a="$check" -v b="$floor" 'BEGIN{printf "%.2f", a/b}')"
