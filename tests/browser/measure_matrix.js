// Run inside compare's HTML page by tests/browser/html_matrix_test.sh (a copy
// of the page with this script appended): works both filters, reads the
// legend, scrolls the matrix to its far bottom-right corner and writes what it
// saw, as JSON, into a pre element of id browser-check; check_matrix.py
// judges it.
(function () {
  "use strict";
  const out = {};
  const rows = Array.from(document.querySelectorAll("#facts tbody tr"));
  const shown = () => rows.filter((r) => r.getClientRects().length > 0);
  const change = (el, prop, value) => {
    el[prop] = value;
    el.dispatchEvent(new Event("change"));
  };
  const differ = document.getElementById("differ");
  const category = document.getElementById("category");

  out.rows = rows.length;
  out.differing = rows.filter((r) => r.classList.contains("differs")).length;
  out.shown_at_load = shown().length;
  out.counter_at_load = document.getElementById("shown").textContent;

  change(differ, "checked", true);
  out.differ_on = {
    shown: shown().length,
    all_differ: shown().every((r) => r.classList.contains("differs")),
    counter: document.getElementById("shown").textContent,
  };
  change(differ, "checked", false);
  out.differ_off_shown = shown().length;

  out.categories = [];
  for (const option of Array.from(category.options)) {
    if (option.value === "") continue;
    change(category, "value", option.value);
    const s = shown();
    out.categories.push({
      name: option.value,
      rows: rows.filter((r) => r.dataset.category === option.value).length,
      shown: s.length,
      all_match: s.every((r) => r.dataset.category === option.value),
    });
  }
  change(category, "value", "");
  out.category_all_shown = shown().length;

  const cells = Array.from(document.querySelectorAll("#facts tbody td:not(:nth-child(2))"));
  out.cells = {
    probed: cells.filter((td) => td.textContent !== "\u2014").length,
    titled: cells.filter((td) => td.title !== "").length,
    titled_probed: cells.filter((td) => td.title !== "" && td.textContent !== "\u2014").length,
  };

  const heads = Array.from(document.querySelectorAll("#facts thead th"));
  out.keys = heads.slice(2).map((th) => th.firstChild.textContent);
  out.legend_keys = Array.from(document.querySelectorAll("#legend tbody tr")).map(
    (tr) => tr.firstElementChild.textContent);
  out.legend_cells = Array.from(document.querySelectorAll("#legend tbody tr")).map(
    (tr) => tr.children.length);
  out.legend_heads = Array.from(document.querySelectorAll("#legend thead th")).map(
    (th) => th.textContent);

  const box = document.querySelector(".matrix");
  box.scrollTop = box.scrollHeight;
  box.scrollLeft = box.scrollWidth;
  const b = box.getBoundingClientRect();
  out.viewport = { width: window.innerWidth, height: window.innerHeight };
  // The box's visible area: inside its border, without its scroll bars.
  const left = b.left + box.clientLeft;
  const top = b.top + box.clientTop;
  out.box = { left, top, right: left + box.clientWidth, bottom: top + box.clientHeight };
  out.scroll = {
    top: box.scrollTop,
    left: box.scrollLeft,
    max_top: box.scrollHeight - box.clientHeight,
    max_left: box.scrollWidth - box.clientWidth,
  };
  // An element is in view when its rectangle lies inside the scroll box's
  // visible area and the point at its centre hits it (nothing covers it).
  const seen = (el) => {
    const r = el.getBoundingClientRect();
    const x = (r.left + r.right) / 2;
    const y = (r.top + r.bottom) / 2;
    const hit = document.elementFromPoint(x, y);
    return {
      text: el.textContent,
      left: r.left, top: r.top, right: r.right, bottom: r.bottom,
      hit: hit !== null && el.contains(hit),
    };
  };
  const last = shown().pop();
  out.last_row_name = seen(last.querySelector("th.name"));
  out.last_row_cell = seen(last.lastElementChild);
  out.corner = seen(heads[0]);
  out.last_key = seen(heads[heads.length - 1]);

  const pre = document.createElement("pre");
  pre.id = "browser-check";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
