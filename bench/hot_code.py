#!/usr/bin/env python3
"""Writes build/hot-code.ld: the functions msadvise's common commands run, placed together.

The release binary has 5.7 MB of code, and a command runs about 1 MB of it, spread across the whole
range. The kernel maps code 64 KB around each page a command touches, so scattered code costs page
faults and resident memory (assess kept 3.9 MB of code resident). build.rs links with
build/hot-code.ld, which puts the functions listed there first, in this order, in one output
section. See BENCHMARKS.md, "Code layout".

How: an unstripped release build, every command below run under callgrind, and each executed
function named by a pattern that survives rebuilds:
  - Rust functions by their v0 symbol names (.cargo/config.toml asks for v0), with the crate
    hashes and back-references, which change with the compiler and the dependencies, as wildcards;
  - C library functions by the archive member that defines them (the binary links glibc
    statically).
Functions seen by more of the benchmarked commands come first, then by more commands. A function added since the file was written is not
listed and so lands with the rest of the code: the binary is still correct, a little slower to
start. Run this again after changes to what start-up runs.

Usage: bench/hot_code.py [--check]
  --check   do not write; exit 1 when the file differs from what it would be
Needs valgrind (apt-get install valgrind), cargo and cc.
"""

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "hot-code.ld"
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "bench" / "hot-code-target"

# The benchmarked commands (bench/run.sh) first, then other common ones: help, a named topic,
# other formats, a misspelled search, the text report.
BENCHMARKED = 7
COMMANDS = [
    "--version",
    "explain",
    "explain --format json",
    "topics",
    'search "independently deployable"',
    "questions --format json",
    "assess --answers examples/profiles/queueing-monolith.yaml --format json",
    "--help",
    "explain --help",
    "explain circuit-breaker",
    "explain modular-monolith --format markdown",
    "explain saga --format yaml",
    "topics --format json",
    'search "circiut breakr"',
    "questions",
    "assess --answers examples/profiles/queueing-monolith.yaml",
    "assess --answers examples/profiles/queueing-monolith.yaml --format markdown",
    "glossary",
]

# The static archives std's C libraries resolve to (build.rs, STATIC_ARCHIVES).
ARCHIVES = ["libc.a", "libm.a", "libgcc_eh.a", "libgcc.a"]


def fail(message):
    sys.exit(f"bench/hot_code.py: {message}")


def build():
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET), CARGO_PROFILE_RELEASE_STRIP="none")
    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT, env=env, check=True)
    return TARGET / "release" / "msadvise"


def executed(binary, args, out):
    """The symbol names of the functions one command runs."""
    subprocess.run(
        ["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={out}", str(binary), *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    names, seen = {}, set()
    for line in Path(out).read_text(errors="replace").splitlines():
        m = re.match(r"(c?fn)=\((\d+)\)(?: (.*))?$", line)
        if not m:
            continue
        if m.group(3):
            names[m.group(2)] = m.group(3)
        if m.group(1) == "fn":
            seen.add(m.group(2))
    return {names[i] for i in seen if i in names}


def archive_members():
    """Symbol -> (archive, member) for the static C libraries the compiler finds."""
    members = {}
    cc = os.environ.get("CC", "cc")
    for archive in ARCHIVES:
        path = subprocess.run([cc, f"-print-file-name={archive}"], capture_output=True, text=True).stdout.strip()
        if not os.path.isabs(path) or not os.path.exists(path):
            continue
        listing = subprocess.run(["nm", "-A", "--defined-only", path], capture_output=True, text=True).stdout
        for line in listing.splitlines():
            # libc.a:write.o:0000000000000000 T write
            m = re.match(r"[^:]*:([^:]+):\S*\s+([TtWiI])\s+(\S+)$", line)
            if m:
                members.setdefault(m.group(3), (archive, m.group(1)))
    return members


def pattern(name):
    """A section-name pattern for a Rust function that ignores the per-build hashes."""
    if name.startswith("_R"):
        name = re.sub(r"Cs[0-9A-Za-z]*_", "Cs*_", name)
        return re.sub(r"B[0-9A-Za-z]*_", "B*_", name)
    legacy = re.match(r"(_ZN.*17h)[0-9a-f]{16}E$", name)
    return legacy.group(1) + "*E" if legacy else name


def script(order, members):
    lines, seen = [], set()
    for name in order:
        if not re.fullmatch(r"[A-Za-z_.$][A-Za-z0-9_.$]*", name) or name.startswith("0x"):
            continue  # callgrind's own labels: "(below main)", addresses without a symbol
        if name in members and not name.startswith(("_R", "_ZN")):
            archive, member = members[name]
            line = f"*{archive}:{member}(.text .text.*)"
        else:
            p = pattern(name)
            line = f"*(.text.{p} .text.unlikely.{p})"
        if line not in seen:
            seen.add(line)
            lines.append(f"    {line}")
    header = (
        "/* The functions msadvise's common commands run, first and together: fewer pages of code\n"
        "   to fault in at start-up. Written by bench/hot_code.py (see its notes and BENCHMARKS.md,\n"
        "   \"Code layout\"); linked by build.rs. Not hand-edited. */\n"
    )
    body = "\n".join(lines)
    return f"{header}SECTIONS\n{{\n  .text.msadvise_hot : {{\n{body}\n  }}\n}}\nINSERT BEFORE .text;\n"


def main():
    check = sys.argv[1:] == ["--check"]
    if sys.argv[1:] and not check:
        print(__doc__.split("Usage:")[1].strip(), file=sys.stderr)
        sys.exit(2)
    for tool in ["valgrind", "cargo", "nm"]:
        if subprocess.run(["sh", "-c", f"command -v {tool}"], capture_output=True).returncode:
            fail(f"{tool} not found (valgrind and nm: apt-get install valgrind binutils)")
    binary = build()
    counts, benchmarked = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for k, command in enumerate(COMMANDS):
            for name in executed(binary, shlex.split(command), os.path.join(tmp, f"cg.{k}")):
                counts[name] = counts.get(name, 0) + 1
                benchmarked[name] = benchmarked.get(name, 0) + (k < BENCHMARKED)
    # What the benchmarked commands run first, what most of them run first among that; then by
    # name, which keeps a module's functions together and does not depend on the current layout
    # (so that writing the file again gives the same file).
    order = sorted(counts, key=lambda n: (-benchmarked[n], -counts[n], n))
    text = script(order, archive_members())
    if check:
        if OUT.read_text() != text:
            fail(f"{OUT.relative_to(ROOT)} is out of date: run bench/hot_code.py")
        print(f"{OUT.relative_to(ROOT)} is up to date ({len(order)} functions)")
    else:
        OUT.write_text(text)
        print(f"wrote {OUT.relative_to(ROOT)}: {len(order)} functions from {len(COMMANDS)} commands")


if __name__ == "__main__":
    main()
