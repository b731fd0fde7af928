// legation dashboard: quick filtering of a table's rows, jumping from a marked word to its event, and
// suggesting actor codes in actor boxes.
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

// An actor box suggests codes and names from /api/actors as the user types (a <datalist> per box).
function suggestActors(input, index) {
  const list = document.createElement("datalist");
  list.id = "actor-suggestions-" + index;
  input.insertAdjacentElement("afterend", list);
  input.setAttribute("list", list.id);
  let timer = null;
  let asked = "";
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    const typed = input.value.trim();
    if (typed.length < 2 || typed === asked) return;
    timer = window.setTimeout(function () {
      asked = typed;
      fetch("/api/actors?limit=12&q=" + encodeURIComponent(typed), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { actors: [] }; })
        .then(function (data) {
          list.replaceChildren();
          for (const actor of data.actors || []) {
            const option = document.createElement("option");
            option.value = actor.code;
            option.label = (actor.name || actor.code) + " · " + actor.events + " events";
            option.textContent = option.label;
            list.appendChild(option);
          }
        })
        .catch(function () { list.replaceChildren(); });
    }, 150);
  });
}

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[data-suggest=actors]").forEach(suggestActors);
  document.querySelectorAll("input[data-filter-table]").forEach(quickFilter);
  document.querySelectorAll("mark[data-events]").forEach(jumpToEvent);
  const target = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (target && target.tagName === "TR") target.classList.add("flash");
});
