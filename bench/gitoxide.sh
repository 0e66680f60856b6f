#!/usr/bin/env bash
# Reading history: `git log` (what msadvise runs, src/history/log.rs) against gitoxide (the
# standalone bench/gitoxide program, not part of msadvise's build) on the generated
# 100,000-commit repository of bench/boundaries.sh (as `git fast-import` packed it, and a copy
# repacked by `git repack -adf` with a commit-graph, as `git gc` leaves a repository) and on one
# real repository. gix runs with git's 96 MiB delta-base cache and with its own default caches
# (`--gix-caches`). Checks first that git and gix print the same (commit, path) records, then
# times all in one hyperfine run and takes user+sys and peak RSS from /usr/bin/time -v.
# Figures go to BENCHMARKS.md by hand.
#
# Usage: bench/gitoxide.sh [--help] [REAL_REPO]
#   REAL_REPO  a repository (work tree or bare) to read besides the generated one; by default
#              the repository this script is in. The figures in BENCHMARKS.md were taken with
#              a clone of GoogleCloudPlatform/bank-of-anthos (2,313 commits).
# Environment: COMMITS (default 100000), RUNS (default 5).
# Needs: cargo, git, python3, hyperfine, /usr/bin/time (GNU time). Installs nothing.

set -euo pipefail

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
fi

missing=()
for tool in cargo git python3 hyperfine; do
    command -v "$tool" > /dev/null || missing+=("$tool")
done
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (GNU time)")
if [ ${#missing[@]} -gt 0 ]; then
    echo "missing: ${missing[*]} (install them, then run again)" >&2
    exit 1
fi

COMMITS="${COMMITS:-100000}"
RUNS="${RUNS:-5}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="$TARGET/bench"
GEN="$OUT/history-$COMMITS"
GIX="$OUT/gitoxide-target/release/gix-log"
mkdir -p "$OUT"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

# The generated repository: the same steps as bench/boundaries.sh, so either script reuses it.
if [ ! -d "$GEN/.git" ]; then
    rm -rf "$GEN" && mkdir -p "$GEN"
    git -C "$GEN" init -q -b main
    python3 "$ROOT/bench/gen_history.py" "$COMMITS" | git -C "$GEN" fast-import --quiet
    git -C "$GEN" reset -q --hard main
fi

# The same history as `git gc` would leave it: fresh deltas and a commit-graph.
PACKED="$GEN-repacked"
if [ ! -f "$PACKED/.git/objects/info/commit-graph" ]; then
    rm -rf "$PACKED"
    git clone -q --no-local "$GEN" "$PACKED"
    git -C "$PACKED" repack -adfq
    git -C "$PACKED" commit-graph write --reachable 2> /dev/null
fi

REAL="${1:-$(git -C "$ROOT" rev-parse --show-toplevel 2>/dev/null || true)}"
if [ -z "$REAL" ] || ! git -C "$REAL" rev-parse --git-dir >/dev/null 2>&1; then
    echo "bench/gitoxide.sh: give a git repository to read (REAL_REPO); ${REAL:-none} is not one" >&2
    exit 1
fi

(cd "$ROOT/bench/gitoxide" && cargo build --release --quiet --locked --target-dir "$OUT/gitoxide-target")

# msadvise's arguments (src/history/log.rs, top level, --since all, with --name-only).
FORMAT='--format=%x1e%ct%x09%aN%x09%aE'
gitlog() { git -C "$1" log -z --no-merges --no-renames --no-ext-diff --no-textconv "$FORMAT" --name-only; }

# (header, path) records, sorted: the two readers order equal-time commits and paths differently.
records() {
    python3 -c '
import sys
data = sys.stdin.buffer.read()
out = []
for rec in data.split(b"\x1e")[1:]:
    head, _, rest = rec.partition(b"\0")
    paths = [p.lstrip(b"\n") for p in rest.split(b"\0")]
    paths = [p for p in paths if p]
    out.append(head + b"\t-")
    out.extend(head + b"\t" + p for p in paths)
out.sort()
sys.stdout.buffer.write(b"\n".join(out) + b"\n")
'
}

for repo in "$GEN" "$PACKED" "$REAL"; do
    name="$(basename "$repo")"
    gitlog "$repo" | records > "$OUT/gitoxide-$name.git.txt"
    "$GIX" "$repo" | records > "$OUT/gitoxide-$name.gix.txt"
    for side in git gix; do
        f="$OUT/gitoxide-$name.$side.txt"
        echo "$name $side: $(grep -c $'\t-$' "$f") commits, $(grep -vc $'\t-$' "$f") path entries"
    done
    if cmp -s "$OUT/gitoxide-$name.git.txt" "$OUT/gitoxide-$name.gix.txt"; then
        echo "$name: same records"
    else
        echo "$name: records DIFFER (diff $OUT/gitoxide-$name.git.txt $OUT/gitoxide-$name.gix.txt)" >&2
        exit 1
    fi
done

echo "load before timing: $(cut -d' ' -f1-3 /proc/loadavg)"
commands=()
for repo in "$GEN" "$PACKED" "$REAL"; do
    name="$(basename "$repo")"
    commands+=(-n "git log, $name" "git -C $repo log -z --no-merges --no-renames --no-ext-diff --no-textconv $FORMAT --name-only > /dev/null")
    commands+=(-n "gix, $name" "$GIX $repo > /dev/null")
    commands+=(-n "gix --gix-caches, $name" "$GIX $repo --gix-caches > /dev/null")
done
hyperfine --warmup 1 --runs "$RUNS" --export-markdown "$OUT/gitoxide.md" --export-json "$OUT/gitoxide.json" "${commands[@]}"
echo "load after timing: $(cut -d' ' -f1-3 /proc/loadavg)"

# CPU time and peak RSS, one run each (after the warm-ups above, so the page cache is warm).
for repo in "$GEN" "$PACKED" "$REAL"; do
    for side in git gix gix-caches; do
        case "$side" in
            git) cmd=(git -C "$repo" log -z --no-merges --no-renames --no-ext-diff --no-textconv "$FORMAT" --name-only) ;;
            gix) cmd=("$GIX" "$repo") ;;
            *) cmd=("$GIX" "$repo" --gix-caches) ;;
        esac
        /usr/bin/time -v "${cmd[@]}" > /dev/null 2> "$OUT/gitoxide-time.txt"
        awk -v label="$side $(basename "$repo")" -F': ' '
            /User time/ {u=$2} /System time/ {s=$2} /Elapsed/ {e=$2} /Maximum resident/ {m=$2}
            END {printf "%-40s user %s s + sys %s s = %.2f s, wall %s, peak RSS %d KiB\n", label, u, s, u+s, e, m}' \
            "$OUT/gitoxide-time.txt"
    done
done
echo "binary: $(stat -c %s "$GIX") bytes ($GIX)"
