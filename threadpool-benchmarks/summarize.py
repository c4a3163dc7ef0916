#!/usr/bin/env python3
"""Turns the JMH JSON files of run-benchmarks.sh into the Markdown tables of docs/benchmarks.md.

Usage: summarize.py RESULTS_DIR   (reads throughput.json, dismissal.json, idle-cost.txt)

For each row: JMH's score (the mean over all forks and iterations) with its 99.9 % error, the
median of the per-fork scores (per-fork mean for average time, per-fork median for sampled time),
and the ratio to ThreadPoolExecutor: the executor's median of forks divided by this row's, so a
ratio above 1.0 means faster than ThreadPoolExecutor. The baseline of a row is the method of the
same class whose name ends in ThreadPoolExecutor instead of ThreadPool or ForkJoinPool.
"""
import json
import os
import statistics
import sys

POOLS = ("ThreadPoolExecutor", "ForkJoinPool", "ThreadPool")


def split(method):
    for pool in POOLS:
        if method.endswith(pool):
            return method[: -len(pool)], pool
    return method, ""


def fork_scores(entry):
    metric = entry["primaryMetric"]
    if "rawDataHistogram" in metric:
        medians = []
        for fork in metric["rawDataHistogram"]:
            values = sorted(v for iteration in fork for v in iteration)
            total = sum(count for _, count in values)
            seen = 0
            for value, count in values:
                seen += count
                if seen * 2 >= total:
                    medians.append(value)
                    break
        return medians
    return [statistics.mean(fork) for fork in metric["rawData"]]


def load(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return json.load(f)


def table(entries, sampled):
    rows = {}
    for entry in entries:
        cls, method = entry["benchmark"].rsplit(".", 2)[-2:]
        params = entry.get("params", {})
        key = (cls, method, params.get("workers", ""), params.get("tokens", ""))
        rows[key] = entry
    out = []
    header = "| benchmark | workers | tokens | score ± error | median of forks | forks | vs TPE |"
    if sampled:
        header = "| benchmark | workers | p50 | mean ± error | p99 | median of forks | vs TPE |"
    out.append(header)
    out.append("|" + "---|" * (header.count("|") - 1))
    for key in sorted(rows):
        cls, method, workers, tokens = key
        entry = rows[key]
        metric = entry["primaryMetric"]
        unit = metric["scoreUnit"].replace("/op", "")
        forks = fork_scores(entry)
        median = statistics.median(forks)
        group, pool = split(method)
        base = rows.get((cls, method if not pool else group + "ThreadPoolExecutor", workers, tokens))
        ratio = ""
        if base is not None and pool != "ThreadPoolExecutor" and pool:
            ratio = "%.2f×" % (statistics.median(fork_scores(base)) / median)
        elif pool == "ThreadPoolExecutor":
            ratio = "1.00× (baseline)"
        name = "%s.%s" % (cls.replace("Benchmark", ""), method)
        if sampled:
            pct = metric["scorePercentiles"]
            out.append(
                "| %s | %s | %.1f %s | %.1f ± %.1f | %.1f | %.1f | %s |"
                % (name, workers, pct["50.0"], unit, metric["score"], float(metric["scoreError"]),
                   pct["99.0"], median, ratio))
        else:
            out.append(
                "| %s | %s | %s | %.1f ± %.1f %s | %.1f | %s | %s |"
                % (name, workers, tokens, metric["score"], float(metric["scoreError"]), unit, median,
                   " / ".join("%.0f" % s for s in forks), ratio))
    return "\n".join(out)


def main():
    results = sys.argv[1]
    throughput = load(os.path.join(results, "throughput.json"))
    dismissal = load(os.path.join(results, "dismissal.json"))
    if throughput:
        print("### Throughput (ns per task, lower is better)\n")
        print(table(throughput, sampled=False))
        print()
    if dismissal:
        print("### Dismissal and resizing (µs per call, sampled)\n")
        print(table(dismissal, sampled=True))
        print()
    idle = os.path.join(results, "idle-cost.txt")
    if os.path.exists(idle):
        print("### Idle cost\n")
        with open(idle) as f:
            print("```\n" + f.read().strip() + "\n```")


if __name__ == "__main__":
    main()
