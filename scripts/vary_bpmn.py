#!/usr/bin/env python3
"""Writes a variant of a BPMN file for the diff bench: every Nth name renamed (" (改)" added) and
every Nth diagram shape moved 15 px right, so that about 2/N of the elements differ (N = 40: 5%).

Usage: vary_bpmn.py IN.bpmn OUT.bpmn [N]
"""
import re
import sys


def main() -> None:
    src, dst = sys.argv[1], sys.argv[2]
    every = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    text = open(src, encoding="utf-8").read()
    count = {"name": 0, "bounds": 0}

    def rename(m: re.Match) -> str:
        count["name"] += 1
        return m.group(0) if count["name"] % every else f'{m.group(1)}name="{m.group(2)} (改)"'

    def move(m: re.Match) -> str:
        count["bounds"] += 1
        return m.group(0) if count["bounds"] % every else f'<dc:Bounds {m.group(1)}x="{float(m.group(2)) + 15:g}"'

    text = re.sub(r'(\s)name="([^"]*)"', rename, text)
    text = re.sub(r'<dc:Bounds ([^>]*?)\bx="([-0-9.]+)"', move, text)
    open(dst, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    main()
