#!/usr/bin/env bash
# `msadvise boundaries` on a generated 100,000-commit repository against the `git log` it reads
# (issue 17: at most 1.5x the time of `git log --name-only --no-renames`, memory bounded by
# modules and files). The repository is made with `git fast-import` (bench/gen_history.py) in
# $CARGO_TARGET_DIR/bench/history-<N> and reused. Figures go to NOTES/BENCHMARKS by hand.
#
# Usage: bench/boundaries.sh [COMMITS]   (default 100000; needs git, hyperfine, /usr/bin/time)

set -euo pipefail

COMMITS="${1:-100000}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
REPO="$TARGET/bench/history-$COMMITS"
BIN="$TARGET/release/msadvise"

if [ ! -d "$REPO/.git" ]; then
    rm -rf "$REPO" && mkdir -p "$REPO"
    git -C "$REPO" init -q -b main
    start=$(date +%s)
    python3 "$ROOT/bench/gen_history.py" "$COMMITS" | git -C "$REPO" fast-import --quiet
    git -C "$REPO" reset -q --hard main
    echo "generated $COMMITS commits in $(( $(date +%s) - start )) s: $REPO"
fi
(cd "$ROOT" && cargo build --release --quiet)

export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
hyperfine --warmup 1 --runs 5 --export-markdown "$TARGET/bench/boundaries.md" \
    -n 'git log --name-only --no-renames' "git -C $REPO log --name-only --no-renames > /dev/null" \
    -n 'git log -z (what boundaries reads)' \
    "git -C $REPO log -z --no-merges --no-renames --name-only --format=%x1e%ct%x09%aN%x09%aE > /dev/null" \
    -n 'msadvise boundaries --since all' "$BIN boundaries $REPO --since all --json > /dev/null" \
    -n 'msadvise boundaries --since all --no-renames' "$BIN boundaries $REPO --since all --json --no-renames > /dev/null"

# CPU time (user + system, children included) is steadier than wall time on a busy machine.
for cmd in "git -C $REPO log --name-only --no-renames" "$BIN boundaries $REPO --since all --json"; do
    /usr/bin/time -f "%U s user, %S s system, %e s wall, %M KiB peak (largest process): $cmd" sh -c "$cmd > /dev/null"
done
python3 "$ROOT/bench/peak_rss.py" git -C "$REPO" log --name-only --no-renames
python3 "$ROOT/bench/peak_rss.py" "$BIN" boundaries "$REPO" --since all --json
