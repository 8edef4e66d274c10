#!/usr/bin/env python3
"""Judges what measure_matrix.js saw of compare's HTML page in headless Chromium.

usage: check_matrix.py DOM COLUMNS
  DOM      the page's DOM as `chromium --dump-dom` printed it
  COLUMNS  how many reports (columns) the page was made from
Prints one line per check; exits 1 if any failed.
"""
import html
import json
import re
import sys


def main() -> int:
    dom_path, columns = sys.argv[1], int(sys.argv[2])
    with open(dom_path, encoding="utf-8") as f:
        dom = f.read()
    found = re.search(r"<pre id=\"browser-check\">([^<]*)</pre>", dom)
    if not found:
        print("FAIL: the page holds no measurement (did the scripts run?)")
        return 1
    m = json.loads(html.unescape(found.group(1)))
    failures = 0

    def check(what: str, ok: bool, detail: object = "") -> None:
        nonlocal failures
        print(("ok: " if ok else "FAIL: ") + what + ("" if ok else f" ({detail})"))
        failures += 0 if ok else 1

    rows, differing = m["rows"], m["differing"]
    check("the page has rows, some differing, some not", 0 < differing < rows, (rows, differing))
    check("every row shown at load", m["shown_at_load"] == rows, m["shown_at_load"])
    check("the counter says so", m["counter_at_load"] == f"{rows} of {rows} rows shown",
          m["counter_at_load"])
    d = m["differ_on"]
    check("'only rows that differ' shows exactly the differing rows",
          d["shown"] == differing and d["all_differ"], d)
    check("its counter follows", d["counter"] == f"{differing} of {rows} rows shown", d["counter"])
    check("unticked, every row is back", m["differ_off_shown"] == rows, m["differ_off_shown"])
    cats = m["categories"]
    check("the category filter offers several categories", len(cats) >= 3, cats)
    for c in cats:
        check(f"category '{c['name']}' shows its {c['rows']} row(s) only",
              c["rows"] > 0 and c["shown"] == c["rows"] and c["all_match"], c)
    check("the categories cover every row", sum(c["rows"] for c in cats) == rows, cats)
    check("category 'all' shows every row again", m["category_all_shown"] == rows,
          m["category_all_shown"])

    c = m["cells"]
    check("every probed cell, and only those, explains itself on hover (title)",
          c["probed"] > 0 and c["titled"] == c["probed"] == c["titled_probed"], c)

    keys = [f"C{i}" for i in range(1, columns + 1)]
    check(f"the header has the {columns} short keys", m["keys"] == keys, m["keys"])
    check("the legend lists every key once, in order", m["legend_keys"] == keys, m["legend_keys"])
    check("the legend names engine, version, runtime, profile",
          m["legend_heads"][:5] == ["key", "engine", "version", "runtime", "profile"],
          m["legend_heads"])
    check("every legend row is complete",
          all(n == len(m["legend_heads"]) for n in m["legend_cells"]), m["legend_cells"])

    vp, box, s = m["viewport"], m["box"], m["scroll"]
    # --window-size is the window's: headless Chromium 156 gives the page 1600x1057 of it.
    check("the viewport is 1600 wide, at most 1200 high", vp["width"] == 1600
          and 900 <= vp["height"] <= 1200, vp)
    check("the matrix overflows both ways (else nothing to test)",
          s["max_top"] > 0 and s["max_left"] > 0, s)
    check("it was scrolled to the far bottom-right",
          abs(s["top"] - s["max_top"]) <= 1 and abs(s["left"] - s["max_left"]) <= 1, s)
    check("the scroll box lies inside the viewport",
          box["left"] >= 0 and box["top"] >= 0 and box["right"] <= vp["width"]
          and box["bottom"] <= vp["height"], box)

    def inside(el: dict) -> bool:
        tol = 1
        return (el["left"] >= box["left"] - tol and el["right"] <= box["right"] + tol
                and el["top"] >= box["top"] - tol and el["bottom"] <= box["bottom"] + tol
                and el["hit"])

    name = m["last_row_name"]
    check(f"the last row's syscall cell ({name['text']}) is in view, at the left edge",
          inside(name) and abs(name["left"] - box["left"]) <= 2, name)
    check("the last row's last cell is in view (the far corner)", inside(m["last_row_cell"]),
          m["last_row_cell"])
    corner = m["corner"]
    check("the header's corner cell is in view, at the top left",
          inside(corner) and abs(corner["top"] - box["top"]) <= 2
          and abs(corner["left"] - box["left"]) <= 2, corner)
    key = m["last_key"]
    check(f"the last column's key ({key['text']}) is in view, at the top",
          inside(key) and abs(key["top"] - box["top"]) <= 2, key)
    check("the sticky cells sit above the last row's cells",
          name["right"] <= m["last_row_cell"]["left"] + 1 and key["bottom"] <= name["top"] + 1,
          (name, key))

    print(f"{failures} check(s) failed" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
