#!/usr/bin/env python3
"""Times commands in alternation, one run of each per round, and prints the
median wall seconds of each as JSON: on a shared machine whose speed drifts
from one minute to the next, a drift then slows every command alike, and the
ratio between them holds.

Usage: alternate.py ROUNDS WARMUP CMD [CMD ...]   (each CMD one shell word list)
"""
import json
import shlex
import statistics
import subprocess
import sys
import time


def main():
    rounds, warmup = int(sys.argv[1]), int(sys.argv[2])
    commands = [shlex.split(c) for c in sys.argv[3:]]
    times = [[] for _ in commands]
    for round_ in range(warmup + rounds):
        for i, command in enumerate(commands):
            started = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            if round_ >= warmup:
                times[i].append(time.perf_counter() - started)
    print(json.dumps([statistics.median(t) for t in times]))


if __name__ == "__main__":
    main()
