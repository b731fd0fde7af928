// legation dashboard: quick filtering of a table's rows, and jumping from a marked word to its event.
"use strict";

function quickFilter(input) {
  const table = document.getElementById(input.dataset.filterTable);
  if (!table || !table.tBodies.length) return;
  const counter = document.querySelector('[data-count-for="' + table.id + '"]');
  input.addEventListener("input", function () {
    const needle = input.value.trim().toLowerCase();
    let shown = 0;
    for (const row of table.tBodies[0].rows) {
      const hit = !needle || row.textContent.toLowerCase().includes(needle);
      row.hidden = !hit;
      if (hit) shown += 1;
    }
    if (counter) counter.textContent = String(shown);
  });
}

function jumpToEvent(mark) {
  mark.addEventListener("click", function () {
    const first = (mark.dataset.events || "").split(" ")[0];
    const row = document.getElementById("ev-" + first);
    if (!row) return;
    row.scrollIntoView({ block: "center" });
    row.classList.add("flash");
    window.setTimeout(function () { row.classList.remove("flash"); }, 1500);
  });
}

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[data-filter-table]").forEach(quickFilter);
  document.querySelectorAll("mark[data-events]").forEach(jumpToEvent);
  const target = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (target && target.tagName === "TR") target.classList.add("flash");
});
