#!/usr/bin/env python3
"""Generate a knowledge pack that makes msadvise's knowledge base N times larger.

The pack holds COPIES renamed copies of every topic in knowledge/topics/: `saga` becomes
`saga-copy-3`, titled "Saga (copy 3)", with aliases "sagas copy 3" and its `related` and
`concerns[].topics` links pointing at the copies of the same number, so every reference stays
valid. Overlaid on the built-in topics with `msadvise --knowledge DIR`, 9 copies give a base ten
times the size (43 topics become 430), without depending on whether an overlay replaces topics of
the same id (it never names one).

Only the standard library is used (no YAML parser): the topic files are rewritten line by line,
which works because ids, titles, aliases and links are written in the few shapes handled below.
`msadvise knowledge validate DIR` checks the result when that command exists; bench/run.sh runs it.

Usage: bench/gen_pack.py OUT_DIR [--copies N] [--source KNOWLEDGE_DIR]
"""

import argparse
import json
import re
import sys
from pathlib import Path

TOP_KEY = re.compile(r"^[a-z_]+:")
FLOW_LIST = re.compile(r"^(\s*)(aliases|related|topics): \[(.*)\]\s*$")
BLOCK_ITEM = re.compile(r"^(\s+)- (.*)$")


def unquote(item):
    item = item.strip()
    if item.startswith('"'):
        return json.loads(item)
    if item.startswith("'"):
        return item[1:-1].replace("''", "'")
    return item


def split_flow(body):
    """Items of a YAML flow list written on one line, honouring quotes."""
    items, cur, quote = [], "", None
    for ch in body:
        if quote:
            cur += ch
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
            cur += ch
        elif ch == ",":
            items.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        items.append(cur)
    return [unquote(i) for i in items if i.strip()]


def rename(key, value, k):
    """A renamed alias (free text) or topic link (an id)."""
    if key == "aliases":
        return json.dumps(f"{value} copy {k}", ensure_ascii=False)
    return f"{value}-copy-{k}"


def copy_topic(text, k):
    out = []
    block = None  # the key of the block list being copied, if any
    for line in text.splitlines():
        if block and (m := BLOCK_ITEM.match(line)):
            out.append(f"{m.group(1)}- {rename(block, unquote(m.group(2)), k)}")
            continue
        block = None
        if line.startswith("id: "):
            out.append(f"id: {unquote(line[4:])}-copy-{k}")
        elif line.startswith("title: "):
            out.append("title: " + json.dumps(f"{unquote(line[7:])} (copy {k})", ensure_ascii=False))
        elif m := FLOW_LIST.match(line):
            indent, key, body = m.groups()
            if key == "topics" and not indent:
                raise ValueError(f"unexpected top-level `topics:` line: {line!r}")
            items = ", ".join(rename(key, v, k) for v in split_flow(body))
            out.append(f"{indent}{key}: [{items}]")
        elif line in ("aliases:", "related:"):
            block = line[:-1]
            out.append(line)
        elif re.match(r"^\s*(aliases|related|topics):\s*\S", line):
            raise ValueError(f"a list in a shape this generator does not handle: {line!r}")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def main():
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--copies", type=int, default=9)
    ap.add_argument("--source", type=Path, default=here.parent / "knowledge")
    args = ap.parse_args()
    sources = sorted((args.source / "topics").glob("*.yaml"))
    if not sources:
        sys.exit(f"gen_pack.py: no topics in {args.source / 'topics'}")
    topics = args.out / "topics"
    topics.mkdir(parents=True, exist_ok=True)
    for old in topics.glob("*.yaml"):
        old.unlink()
    for k in range(1, args.copies + 1):
        for src in sources:
            text = src.read_text(encoding="utf-8")
            (topics / f"{src.stem}-copy-{k}.yaml").write_text(copy_topic(text, k), encoding="utf-8")
    print(f"{len(sources) * args.copies} topic copies ({args.copies} x {len(sources)}) in {topics}")


if __name__ == "__main__":
    main()
