#!/usr/bin/env python3
"""Run a command and print the peak resident memory of that process alone (not its children),
polling /proc/PID/status (VmHWM) until it exits. Linux only.

Usage: peak_rss.py COMMAND [ARG...]
"""
import subprocess
import sys
import time


def main() -> None:
    child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
    peak = 0
    while child.poll() is None:
        try:
            with open(f"/proc/{child.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.01)
    print(f"peak RSS {peak} KiB (this process only), exit {child.returncode}: {' '.join(sys.argv[1:])}")


if __name__ == "__main__":
    main()
