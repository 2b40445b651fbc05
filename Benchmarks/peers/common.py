"""Shared helpers of the peer benchmarks: list and read a corpus the way cancu does."""
import json
import os
import sys
import time


def corpus_files(root):
    """Every .txt/.md file under root, hidden ones skipped, sorted by path bytes."""
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [s for s in subfolders if not s.startswith(".")]
        for name in names:
            if not name.startswith(".") and name.endswith((".txt", ".md")):
                found.append(os.path.join(folder, name))
    return sorted(found, key=os.fsencode)


def read_text(path):
    with open(path, "rb") as handle:
        return handle.read().decode("utf-8", errors="replace")


def report(**fields):
    json.dump(fields, sys.stdout)
    sys.stdout.write("\n")


def timed_queries(run_query, queries, runs):
    """Milliseconds per run, per query, after one warm-up run each."""
    results = {}
    for query in queries:
        run_query(query)
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            run_query(query)
            samples.append((time.perf_counter() - start) * 1000)
        results[query] = samples
    return results


def folder_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for folder, _, names in os.walk(path):
        total += sum(os.path.getsize(os.path.join(folder, n)) for n in names)
    return total
