#!/usr/bin/env python3
"""Turn bench/run.sh's hyperfine JSON into the tables it prints, beside the budgets in BENCHMARKS.md.

  summarize.py startup ROWS_TSV BIN_BYTES HELLO_BYTES HYPERFINE_JSON... [--markdown FILE]
  summarize.py scale HYPERFINE_JSON [--markdown FILE]
  summarize.py scan HYPERFINE_JSON FILES [--markdown FILE]

ROWS_TSV has one line per command: name, ratio target (empty for the baseline), peak RSS in KiB.
Medians come from hyperfine; ratios are to the hello-world measured in the same run. For start-up,
each JSON is one round (one hyperfine run of every command): a command's ratio is the median of
its per-round ratios, with the lowest and highest round beside it, and its time the median of all
its runs pooled. MB means
10^6 bytes. --markdown appends the same figures as a Markdown table to FILE (for BENCHMARKS.md).
Only reports: a missed target is printed as FAIL but never changes the exit status.
"""

import argparse
import json
import statistics
import sys

RSS_TARGET_MB = 8.0
BINARY_TARGET_MB = 8.0
EXPLAIN_GROWTH_TARGET = 0.10  # explain with 10x the knowledge: at most 10% slower
SEARCH_GROWTH_TARGET = 2.0  # search with 10x the knowledge: within 2x
SCAN_TARGET = 2.0  # scan: within 2x of `rg --files`


def medians(path):
    with open(path, encoding="utf-8") as f:
        return {r["command"]: r["median"] for r in json.load(f)["results"]}


def verdict(ok):
    return "PASS" if ok else "FAIL"


def mb(n_bytes):
    return n_bytes / 1e6


def emit(headers, rows, markdown, title):
    """Print an aligned table, and append it as Markdown to `markdown` if given."""
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    for row in [headers, *rows]:
        print("  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip())
    if markdown:
        with open(markdown, "a", encoding="utf-8") as f:
            f.write(f"\n#### {title}\n\n| " + " | ".join(headers) + " |\n")
            f.write("|" + "---|" * len(headers) + "\n")
            for row in rows:
                f.write("| " + " | ".join(str(x) for x in row) + " |\n")


def startup(args):
    rounds = []
    for path in args.json:
        with open(path, encoding="utf-8") as f:
            rounds.append({r["command"]: r for r in json.load(f)["results"]})
    rows = []
    for line in open(args.rows, encoding="utf-8").read().splitlines():
        name, target, rss_kib = line.split("\t")
        rss = mb(int(rss_kib) * 1024)
        median = statistics.median(t for r in rounds for t in r[name]["times"])
        ratios = sorted(r[name]["median"] / r["hello-world"]["median"] for r in rounds)
        ratio = statistics.median(ratios)
        if target:
            time_target = f"<= {target}x {verdict(ratio <= float(target))}"
            rss_target = f"<= {RSS_TARGET_MB:g} MB {verdict(rss <= RSS_TARGET_MB)}"
        else:
            name, time_target, rss_target = f"{name} (baseline)", "", ""
        spread = f"{ratios[0]:.2f}-{ratios[-1]:.2f}x"
        row = [name, f"{median * 1e3:.3f}", f"{ratio:.2f}x", spread, time_target, f"{rss:.1f}", rss_target]
        rows.append(row)
    headers = ["command", "median ms", "ratio", f"rounds ({len(rounds)})", "target", "peak RSS MB", "target"]
    emit(headers, rows, args.markdown, "Start-up (median wall time; ratio to hello-world, median of the rounds)")
    size = mb(args.bin_bytes)
    print(f"\nrelease binary: {size:.2f} MB (target <= {BINARY_TARGET_MB:g} MB: "
          f"{verdict(size <= BINARY_TARGET_MB)}); hello-world {mb(args.hello_bytes):.2f} MB")
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as f:
            f.write(f"\nRelease binary: {size:.2f} MB (target <= {BINARY_TARGET_MB:g} MB: "
                    f"{verdict(size <= BINARY_TARGET_MB)}); hello-world {mb(args.hello_bytes):.2f} MB.\n")


def scale(args):
    med = medians(args.json)
    rows = []
    for cmd, limit, text in [("explain", 1 + EXPLAIN_GROWTH_TARGET, f"<= +{EXPLAIN_GROWTH_TARGET:.0%}"),
                             ("search", SEARCH_GROWTH_TARGET, f"<= {SEARCH_GROWTH_TARGET:g}x")]:
        small, big = med[cmd], med[f"{cmd}, 10x knowledge"]
        growth = big / small
        rows.append([cmd, f"{small * 1e3:.3f}", f"{big * 1e3:.3f}", f"{growth:.2f}x ({growth - 1:+.0%})",
                     f"{text} {verdict(growth <= limit)}"])
    headers = ["command", "built-in ms", "10x knowledge ms", "growth", "target"]
    emit(headers, rows, args.markdown, "Scale (knowledge base ten times larger, medians)")


def scan(args):
    med = medians(args.json)
    names = list(med)
    ours, rg = med["msadvise scan"], med[[n for n in names if n != "msadvise scan"][0]]
    rows = [[n, f"{med[n] * 1e3:.1f}", f"{args.files / med[n]:,.0f}", f"{med[n] / rg:.2f}x"] for n in names]
    rows[0].append(f"<= {SCAN_TARGET:g}x of rg --files {verdict(ours / rg <= SCAN_TARGET)}")
    for row in rows[1:]:
        row.append("")
    headers = ["command", "median ms", "files/s", "ratio to rg --files", "target"]
    emit(headers, rows, args.markdown, f"Scan ({args.files:,} files after .gitignore, medians)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="mode", required=True)
    p = sub.add_parser("startup")
    p.add_argument("rows")
    p.add_argument("bin_bytes", type=int)
    p.add_argument("hello_bytes", type=int)
    p.add_argument("json", nargs="+")
    p = sub.add_parser("scale")
    p.add_argument("json")
    p = sub.add_parser("scan")
    p.add_argument("json")
    p.add_argument("files", type=int)
    for p in sub.choices.values():
        p.add_argument("--markdown")
    args = ap.parse_args()
    {"startup": startup, "scale": scale, "scan": scan}[args.mode](args)


if __name__ == "__main__":
    sys.exit(main())
