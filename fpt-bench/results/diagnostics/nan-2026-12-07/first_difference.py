#!/usr/bin/env python3
"""Prints the first step at which two metrics.jsonl files' training losses differ, and how many steps differ."""
import json
import sys


def losses(path):
    with open(path) as f:
        return {r["step"]: r["train_loss"] for r in map(json.loads, f) if "train_loss" in r}


a, b = losses(sys.argv[1]), losses(sys.argv[2])
differ = [step for step in sorted(a) if b.get(step) != a[step]]
print(f"{len(differ)} of {len(a)} steps differ" + (f", the first at step {differ[0]}" if differ else ""))
