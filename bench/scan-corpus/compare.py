#!/usr/bin/env python3
"""Compare `msadvise scan --format json` on fetched copies of the corpus with truth.yaml.

Usage: compare.py [--bin PATH] [--corpus DIR] [--verbose]
  --bin     the msadvise binary (default: target/debug/msadvise)
  --corpus  folder holding one work tree per repository, named as in truth.yaml
            (default: /tmp/corpus)

For each repository it runs the scan, writes the inferred answers with --answers-out, feeds them to
`msadvise assess --answers F --allow-unknown`, and prints per-repository and total accuracy of the
inferred answers and of the deployable counts. Repositories missing from the corpus folder are
listed as skipped.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
QUESTIONS = ["ci", "deployment", "provisioning", "logs_tracing", "monitoring", "shared_database", "tech_diversity"]


def run(binary, path):
    with tempfile.TemporaryDirectory() as tmp:
        answers = os.path.join(tmp, "answers.yaml")
        scan = subprocess.run([binary, "scan", "--format", "json", "--answers-out", answers, path],
                              capture_output=True, text=True)
        if scan.returncode != 0:
            return None, f"scan failed ({scan.returncode}): {scan.stderr.strip()}"
        assess = subprocess.run([binary, "assess", "--answers", answers, "--allow-unknown", "--format", "json"],
                                capture_output=True, text=True)
        note = "" if assess.returncode == 0 else f"assess failed ({assess.returncode}): {assess.stderr.strip()}"
        return json.loads(scan.stdout), note


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(HERE, "..", "..", "target", "debug", "msadvise"))
    parser.add_argument("--corpus", default="/tmp/corpus")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    with open(os.path.join(HERE, "truth.yaml")) as f:
        truth = yaml.safe_load(f)["repositories"]
    right = total = counts_right = repos = 0
    given = given_right = 0
    failures = []
    for name, expected in truth.items():
        path = os.path.join(args.corpus, name)
        if not os.path.isdir(path):
            print(f"{name}: skipped (no copy in {args.corpus})")
            continue
        report, note = run(args.bin, path)
        if report is None:
            print(f"{name}: {note}")
            failures.append(name)
            continue
        repos += 1
        if note:
            failures.append(name)
        got = {i["question"]: i["choice"] for i in report["inferred"]}
        wrong = []
        for q in QUESTIONS:
            accepted = expected["answers"].get(q, [None])
            total += 1
            if got.get(q) is not None:
                given += 1
                given_right += got.get(q) in accepted
            if got.get(q) in accepted:
                right += 1
            else:
                wrong.append(f"{q}={got.get(q)} (expected {' or '.join(str(a) for a in accepted)})")
        found = [d["name"] for d in report["deployables"]]
        want = expected["deployables"]
        count_ok = len(found) == len(want)
        counts_right += count_ok
        ok = len(QUESTIONS) - len(wrong)
        print(f"{name}: answers {ok}/{len(QUESTIONS)}, deployables {len(found)} (truth {len(want)})"
              f"{'' if count_ok else ' WRONG'}{'; ' + note if note else ''}")
        for w in wrong:
            print(f"    wrong: {w}")
        if args.verbose or not count_ok:
            missing = sorted(set(want) - set(found))
            extra = sorted(set(found) - set(want))
            if missing or extra:
                print(f"    names missing: {missing}; not in truth: {extra}")
    if repos:
        print(f"INFERRED: {given_right}/{given} answers the scan gave are right "
              f"({100 * given_right / max(given, 1):.0f}%)")
        print(f"TOTAL: answers {right}/{total} ({100 * right / total:.0f}%), "
              f"deployable counts {counts_right}/{repos} ({100 * counts_right / repos:.0f}%), "
              f"scan+assess failures: {len(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
