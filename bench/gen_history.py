#!/usr/bin/env python3
"""Write a `git fast-import` stream of a synthetic history (bench/boundaries.sh).

N commits over 20 modules of 40 files each, by 30 people and one bot; most commits stay in one
module, one in four touches two or three, one in 200 is a bulk edit of 40 files. Deterministic.

Usage: gen_history.py COMMITS | git fast-import --quiet
"""
import random
import sys


def main() -> None:
    commits = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(17)
    modules = [f"services/svc{m:02d}" for m in range(20)]
    files = [f"{m}/src/file{f:02d}.go" for m in modules for f in range(40)]
    people = [(f"Person {p}", f"person{p}@example.com") for p in range(30)]
    out = sys.stdout.buffer
    start = 1_700_000_000
    for i in range(commits):
        if i % 200 == 199:
            changed = rng.sample(files, 40)
        else:
            home = rng.randrange(20)
            count = 1 if rng.random() < 0.75 else rng.choice([2, 3])
            chosen = {home} | {rng.randrange(20) for _ in range(count - 1)}
            changed = [modules[m] + f"/src/file{rng.randrange(40):02d}.go" for m in chosen]
            if rng.random() < 0.1:
                changed.append("README.md")
        name, email = ("dependabot[bot]", "bot@example.com") if i % 97 == 0 else people[rng.randrange(30)]
        when = start + i * 300
        msg = f"commit {i}\n".encode()
        lines = [
            b"commit refs/heads/main\n",
            f"author {name} <{email}> {when} +0000\n".encode(),
            f"committer {name} <{email}> {when} +0000\n".encode(),
            f"data {len(msg)}\n".encode() + msg,
        ]
        for path in changed:
            body = f"{i} {path}\n".encode()
            lines.append(f"M 100644 inline {path}\ndata {len(body)}\n".encode() + body)
        lines.append(b"\n")
        out.write(b"".join(lines))


if __name__ == "__main__":
    main()
