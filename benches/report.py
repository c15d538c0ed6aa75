#!/usr/bin/env python3
"""Turns criterion's results (target/criterion) into the results table of
benches/README.md: per workload, each implementation's median time and
throughput, and the ratios the issues set targets for.

Usage: python3 benches/report.py [target/criterion]
"""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")


def median_ns(bench_dir):
    estimates = bench_dir / "new" / "estimates.json"
    return json.loads(estimates.read_text())["median"]["point_estimate"]


def throughput_bytes(bench_dir):
    info = json.loads((bench_dir / "new" / "benchmark.json").read_text())
    t = info.get("throughput") or {}
    return t.get("Bytes")


def fmt_time(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.2f} {unit}"
    return f"{ns:.1f} ns"


def groups():
    for group_dir in sorted(root.iterdir()):
        if not group_dir.is_dir() or group_dir.name == "report":
            continue
        results = {}
        for bench in sorted(p for p in group_dir.rglob("new") if (p / "estimates.json").exists()):
            bench_dir = bench.parent
            name = str(bench_dir.relative_to(group_dir))
            results[name] = (median_ns(bench_dir), throughput_bytes(bench_dir))
        if results:
            yield group_dir.name, results


# Per group, the implementation the others are compared with: the core
# decoder where the group has it, else the group's own "ours".
REFERENCES = ("ours_Decoder", "ours_Decoder_ResponseEvent", "ours/encode")


def main():
    print("| workload | implementation | median | throughput | time / reference's |")
    print("|---|---|---|---|---|")
    for group, results in groups():
        reference = next((r for r in REFERENCES if r in results), None)
        ours = results[reference][0] if reference else None
        for name, (ns, size) in results.items():
            thrpt = f"{size / ns:.2f} GB/s" if size else ""
            ratio = f"{ns / ours:.2f}x" if ours and name != reference else ""
            label = f"**{name}**" if name == reference else name
            print(f"| {group} | {label} | {fmt_time(ns)} | {thrpt} | {ratio} |")


def compat():
    """The drop-in (compat/) against the real aws-smithy-eventstream: per
    workload and operation, the real crate's time over ours."""
    print()
    print("| workload | operation | smithy | compat | smithy / compat |")
    print("|---|---|---|---|---|")
    for group, results in groups():
        if not group.startswith("compat_"):
            continue
        for name, (ns, _) in results.items():
            if not name.startswith("compat_"):
                continue
            operation = name.removeprefix("compat_")
            theirs = results.get("smithy_" + operation)
            if theirs:
                print(f"| {group.removeprefix('compat_')} | {operation} | {fmt_time(theirs[0])} "
                      f"| {fmt_time(ns)} | {theirs[0] / ns:.2f}x |")


if __name__ == "__main__":
    main()
    compat()
