#!/usr/bin/env python3
"""Counts a crate's public API items from rustdoc's JSON (nightly): every
public item defined in the crate itself (modules, types, functions, methods,
fields, constants; re-exports are not counted twice), the measure issues 23
and 24 quote.

    python3 ci/public_items.py eventstream-core [--features "a b"]
"""
import json, os, subprocess, sys

package = sys.argv[1]
features = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--features" else None
args = ["cargo", "+nightly", "rustdoc", "--quiet", "-p", package, "--lib"]
args += ["--features", features] if features else ["--all-features"]
args += ["--", "-Zunstable-options", "--output-format", "json"]
subprocess.run(args, check=True, env={**os.environ, "RUSTDOCFLAGS": ""})
target = os.environ.get("CARGO_TARGET_DIR", "target")
doc = json.load(open(os.path.join(target, "doc", package.replace("-", "_") + ".json")))
items = [
    item for item in doc["index"].values()
    if item.get("crate_id") == 0 and item.get("visibility") == "public"
    and "impl" not in item["inner"] and "use" not in item["inner"]
]
kinds = {}
for item in items:
    kind = next(iter(item["inner"]))
    kinds[kind] = kinds.get(kind, 0) + 1
print(f"{package}: {len(items)} public items " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
