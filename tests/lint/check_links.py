#!/usr/bin/env python3
"""Checks the relative links of Markdown files: each target file exists in the
tree and each #anchor names a heading of its file, as GitHub renders it. No
network: links with a scheme (https:, mailto:) are left alone.

usage: check_links.py ROOT FILE.md...   (paths relative to ROOT)
Prints one line per broken link; exit 1 if any, 2 on bad usage."""
import os
import re
import sys

LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^>\s]+)>?")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"`[^`]*`")


def slug(text):
    """GitHub's anchor of a heading: inline links reduced to their text,
    lower case, punctuation dropped (word characters, spaces and hyphens
    kept), spaces turned into hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("`", "").strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def lines_outside_code(path):
    """(line number, line) of a Markdown file, fenced code blocks left out."""
    fenced = False
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if FENCE.match(line):
                fenced = not fenced
                continue
            if not fenced:
                yield n, line


def anchors(path, cache={}):
    if path not in cache:
        seen, out = {}, set()
        for _, line in lines_outside_code(path):
            m = HEADING.match(line)
            if not m:
                continue
            base = slug(m.group(2))
            k = seen.get(base, 0)
            out.add(base if k == 0 else f"{base}-{k}")
            seen[base] = k + 1
        # explicit anchors: <a name="x"> / <a id="x">
        with open(path, encoding="utf-8") as f:
            out.update(re.findall(r"<a\s+(?:name|id)=\"([^\"]+)\"", f.read()))
        cache[path] = out
    return cache[path]


def check(root, rel):
    path = os.path.join(root, rel)
    problems = []
    for n, line in lines_outside_code(path):
        text = CODE_SPAN.sub("", line)
        for target in LINK.findall(text) + REFERENCE.findall(text):
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):
                continue  # https:, mailto: ...: not checked, no network
            file_part, _, anchor = target.partition("#")
            dest = os.path.normpath(os.path.join(os.path.dirname(path), file_part)) if file_part else path
            where = f"{rel}:{n}: {target}"
            if not os.path.realpath(dest).startswith(os.path.realpath(root)):
                problems.append(f"{where}: leaves the tree")
            elif not os.path.exists(dest):
                problems.append(f"{where}: no such file")
            elif anchor and dest.endswith(".md") and anchor not in anchors(dest):
                problems.append(f"{where}: no heading with anchor #{anchor} in {os.path.relpath(dest, root)}")
    return problems


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    root = argv[1]
    problems = [p for rel in argv[2:] for p in check(root, rel)]
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    print(f"ok: every relative link and anchor of {len(argv) - 2} file(s) resolves")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
