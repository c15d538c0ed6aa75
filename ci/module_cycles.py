#!/usr/bin/env python3
"""Fails when a crate's modules depend on each other in a cycle (issue 34).

    python3 ci/module_cycles.py codec-core/src

A module is a file; it depends on the modules whose items its code (not its
comments or tests) names by path: `crate::a::b`, `super::b`, or a child
`b::` declared in it, followed through `pub use` re-exports to where the item
is defined. A parent's `mod child;` line alone is not a dependency.
"""
import os, re, sys

root = sys.argv[1]
files = {}
for dirpath, _, names in os.walk(root):
    for name in names:
        if name.endswith(".rs") and name != "tests.rs":
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)[:-3].split(os.sep)
            if rel[-1] in ("mod", "lib"):
                rel = rel[:-1]
            files[tuple(rel)] = path


def resolve(parts):
    """The longest known module prefix of a path."""
    for n in range(len(parts), -1, -1):
        if tuple(parts[:n]) in files:
            return tuple(parts[:n])
    return None


def code_of(path):
    text = open(path).read()
    text = re.sub(r"(?m)//.*$", "", text)
    # Test modules are not the crate's structure.
    return re.split(r"#\[cfg\(test\)\]", text)[0]


def uses(module, code):
    """Every path a module's `use` items and inline paths name, absolute."""
    children = set(re.findall(r"\bmod\s+(\w+)\s*;", code))
    paths = []
    for m in re.finditer(r"\buse\s+([^;]+);", code):
        paths += expand(m.group(1).replace(" ", "").replace("\n", ""))
    paths += [m.group(0) for m in re.finditer(r"\b(?:crate|super)(?:::\w+)+", code)]
    result = []
    for path in paths:
        parts = path.split("::")
        if parts[0] == "crate":
            result.append(parts[1:])
        elif parts[0] == "super":
            result.append(list(module[:-1]) + parts[1:])
        elif parts[0] in children:
            result.append(list(module) + parts)
    return result


def expand(tree):
    """`a::{b, c::{d}}` as `a::b`, `a::c::d`."""
    m = re.match(r"^([\w:]*?)\{(.*)\}$", tree)
    if not m:
        return [tree]
    prefix, inner = m.group(1), m.group(2)
    items, depth, start = [], 0, 0
    for i, c in enumerate(inner + ","):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "," and depth == 0:
            if inner[start:i]:
                items.append(inner[start:i])
            start = i + 1
    return [p for item in items for p in expand(prefix + item)]


codes = {module: code_of(path) for module, path in files.items()}
# Where each module's re-exported names come from: `pub use child::Name`.
exports = {}
for module, code in codes.items():
    for m in re.finditer(r"\bpub(?:\([\w:]+\))?\s+use\s+([^;]+);", code):
        for path in expand(m.group(1).replace(" ", "").replace("\n", "")):
            parts = path.split("::")
            name = parts[-1].split(" as ")[-1]
            absolute = [p for p in uses(module, "use " + path + ";")] or [list(module) + parts]
            exports[(module, name)] = resolve(absolute[0])


def target_of(parts):
    """The module a path's item is defined in, through re-exports."""
    module = resolve(parts)
    rest = parts[len(module):] if module is not None else []
    seen = set()
    while module is not None and rest and (module, rest[0]) in exports and (module, rest[0]) not in seen:
        seen.add((module, rest[0]))
        module = exports[(module, rest[0])]
    return module


edges = {}
for module, code in codes.items():
    deps = {target_of(parts) for parts in uses(module, code)}
    edges[module] = {d for d in deps if d is not None and d != module and d != ()}

# Depth-first search for a cycle.
state, stack, cycles = {}, [], []


def visit(node):
    state[node] = "open"
    stack.append(node)
    for dep in sorted(edges.get(node, ())):
        if state.get(dep) == "open":
            cycles.append(stack[stack.index(dep):] + [dep])
        elif dep not in state:
            visit(dep)
    stack.pop()
    state[node] = "done"


for node in sorted(edges):
    if node not in state:
        visit(node)
for cycle in cycles:
    print("module cycle: " + " -> ".join("/".join(m) or "lib" for m in cycle))
sys.exit(1 if cycles else 0)
