#!/usr/bin/env bash
# modelpipe lint against running flake8 and black directly on the example monorepo, in one run.
#
# "direct" is what tox's envlist does without tox: Debian's flake8, then black, one after the other,
# with the commands of examples/inference-services/tox.ini. modelpipe runs the same two envs through
# bin/modelpipe (JVM start included, with its class-data-sharing archive): with its default
# --jobs (the number of processors, so the two envs run side by side) and with --jobs 1 (one after
# the other, as tox does). The variants alternate within each round so load on the machine hits
# them alike. Prints the median of N rounds (default 11) in milliseconds and the ratios to direct.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-11}"
repo="$here/examples/inference-services"
py=/usr/bin/python3
for module in flake8 black; do
  "$py" -c "import $module" 2>/dev/null || { echo "bench: $module is not installed for $py (run bin/setup-debian)" >&2; exit 3; }
done
"$here/bin/modelpipe" --version >/dev/null # builds the jar and the start-up archive when needed

direct() { (cd "$repo" && "$py" -m flake8 . && "$py" -m black --check --diff . ) }
lint_default() { "$here/bin/modelpipe" lint "$repo" -q; }
lint_sequential() { "$here/bin/modelpipe" lint "$repo" -q --jobs 1; }

ms() { # ms COMMAND: wall time of one run in milliseconds; the command must succeed
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "bench: $* failed" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

lint_default >/dev/null 2>&1 || true # warm the page cache and black's cache once
d=(); p=(); s=()
for _ in $(seq "$runs"); do
  d+=("$(ms direct)")
  p+=("$(ms lint_default)")
  s+=("$(ms lint_sequential)")
done
md=$(printf '%s\n' "${d[@]}" | median)
mp=$(printf '%s\n' "${p[@]}" | median)
msq=$(printf '%s\n' "${s[@]}" | median)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
echo "rounds: $runs; $(nproc) processors; load $(cut -d' ' -f1-3 /proc/loadavg); flake8 $("$py" -m flake8 --version | cut -d' ' -f1 | head -1), black $("$py" -m black --version | head -1 | sed 's/.*, //')"
printf 'direct: flake8 then black:              %5d ms\n' "$md"
printf 'modelpipe lint (envs side by side):     %5d ms  ratio %s\n' "$mp" "$(ratio "$mp" "$md")"
printf 'modelpipe lint --jobs 1 (one by one):   %5d ms  ratio %s\n' "$msq" "$(ratio "$msq" "$md")"
