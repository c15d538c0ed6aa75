#!/usr/bin/env python3
"""Counts a crate's public API items from rustdoc's JSON (nightly): every
public item defined in the crate itself (modules, types, functions, methods,
fields, constants; re-exports are not counted twice), the measure issues 23,
24 and 34 quote. With --max, fails when the crate has more.

    python3 ci/public_items.py eventstream-core [--features "a b"] [--max 104]
"""
import argparse, json, os, subprocess, sys

parser = argparse.ArgumentParser()
parser.add_argument("package")
parser.add_argument("--features")
parser.add_argument("--max", type=int)
options = parser.parse_args()

args = ["cargo", "+nightly", "rustdoc", "--quiet", "-p", options.package, "--lib"]
args += ["--features", options.features] if options.features else ["--all-features"]
args += ["--", "-Zunstable-options", "--output-format", "json"]
subprocess.run(args, check=True, env={**os.environ, "RUSTDOCFLAGS": ""})
target = os.environ.get("CARGO_TARGET_DIR", "target")
doc = json.load(open(os.path.join(target, "doc", options.package.replace("-", "_") + ".json")))
items = [
    item for item in doc["index"].values()
    if item.get("crate_id") == 0 and item.get("visibility") == "public"
    and "impl" not in item["inner"] and "use" not in item["inner"]
]
kinds = {}
for item in items:
    kind = next(iter(item["inner"]))
    kinds[kind] = kinds.get(kind, 0) + 1
print(f"{options.package}: {len(items)} public items " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
if options.max is not None and len(items) > options.max:
    sys.exit(f"{options.package}: {len(items)} public items, more than the {options.max} allowed: "
             "merge or remove one for each added (issue 34)")
