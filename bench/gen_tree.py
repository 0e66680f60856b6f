#!/usr/bin/env python3
"""Generate a deterministic source tree of exactly FILES files for timing `msadvise scan`.

Shape: a repository root (an empty `.git/` so every walker applies `.gitignore`) with a
`.gitignore`, a `docker-compose.yml`, and SERVICES services under `services/`, each with a
manifest of its own ecosystem (Cargo.toml, package.json, go.mod, pom.xml or pyproject.toml), a
Dockerfile and nested source folders of 5-60-line files; a `libs/` folder; and about 12% of the
files in places `.gitignore` excludes (`generated/`, `node_modules/`, `*.log`), which a walker
must skip (88,380 files remain with the defaults). The same arguments always give the same tree.

Usage: bench/gen_tree.py OUT_DIR [--files N] [--services N] [--seed N]
"""

import argparse
import random
import shutil
import sys
from pathlib import Path

ECOSYSTEMS = [
    ("rs", "Cargo.toml", '[package]\nname = "{name}"\nversion = "0.1.0"\nedition = "2021"\n\n'
     '[dependencies]\nserde = "1"\ntokio = "1"\n'),
    ("ts", "package.json", '{{\n  "name": "{name}",\n  "version": "1.0.0",\n'
     '  "scripts": {{"test": "jest", "build": "tsc"}},\n  "dependencies": {{"express": "^4.18.0"}}\n}}\n'),
    ("go", "go.mod", "module example.com/{name}\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n"),
    ("java", "pom.xml", "<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>com.example</groupId>\n"
     "  <artifactId>{name}</artifactId>\n  <version>1.0</version>\n</project>\n"),
    ("py", "pyproject.toml", '[project]\nname = "{name}"\nversion = "0.1.0"\ndependencies = ["fastapi"]\n'),
]
GITIGNORE = "node_modules/\n/generated/\n*.log\n"


class Writer:
    def __init__(self, root, budget, rng):
        self.root, self.left, self.rng = root, budget, rng

    def file(self, rel, text):
        if self.left <= 0:
            return False
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.left -= 1
        return True

    def source(self, rel, ext):
        n = self.rng.randint(5, 60)
        comment = "#" if ext == "py" else "//"
        body = "".join(f"{comment} {rel} line {i}: some code here\n" for i in range(n))
        return self.file(rel, body)


def service(w, i, per_service):
    ext, manifest, template = ECOSYSTEMS[i % len(ECOSYSTEMS)]
    name = f"svc-{i:03d}"
    base = f"services/{name}"
    w.file(f"{base}/{manifest}", template.format(name=name))
    w.file(f"{base}/Dockerfile", f"FROM debian:bookworm-slim\nCOPY . /app\nCMD [\"/app/{name}\"]\n")
    made = 2
    d = 0
    while made < per_service and w.left > 0:
        depth = w.rng.randint(1, 4)
        folder = "/".join(f"m{(d + j) % 7}" for j in range(depth)) + f"/d{d}"
        for f in range(min(20, per_service - made)):
            if not w.source(f"{base}/src/{folder}/f{f}.{ext}", ext):
                break
            made += 1
        d += 1
    if ext == "ts":  # a node_modules folder that .gitignore excludes
        for f in range(min(200, w.left)):
            w.file(f"{base}/node_modules/dep{f % 10}/index{f}.js", "module.exports = {};\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--files", type=int, default=100_000)
    ap.add_argument("--services", type=int, default=40)
    ap.add_argument("--seed", type=int, default=8)
    args = ap.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    (args.out / ".git").mkdir(parents=True)
    w = Writer(args.out, args.files, random.Random(args.seed))
    w.file(".gitignore", GITIGNORE)
    compose = "services:\n" + "".join(
        f"  svc-{i:03d}:\n    build: ./services/svc-{i:03d}\n" for i in range(min(args.services, 10)))
    w.file("docker-compose.yml", compose)
    ignored = args.files // 10
    visible_budget = args.files - ignored - 2
    libs = visible_budget // 20
    per_service = (visible_budget - libs - args.services * 200 // len(ECOSYSTEMS)) // args.services
    for i in range(args.services):
        service(w, i, per_service)
    for f in range(libs):
        w.source(f"libs/shared{f % 5}/pkg{f % 50}/lib{f}.rs", "rs")
    n = 0
    while w.left > 0:  # the ignored rest
        w.file(f"generated/g{n % 100}/out{n}.log" if n % 2 else f"generated/g{n % 100}/out{n}.rs", "x\n")
        n += 1
    print(f"{args.files} files in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
