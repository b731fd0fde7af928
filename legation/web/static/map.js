// legation dashboard: zoom and pan of the world map (worldmap.py) by changing the SVG's viewBox.
// Buttons +, − and reset; the mouse wheel zooms at the pointer; dragging pans. Circles grow more slowly
// than the map when zooming in (square root), so a close view is not covered by its own circles.
"use strict";

(function () {
  const STEP = 1.6;  // zoom factor of one button press
  const MAX_ZOOM = 24;

  function numbers(text) {
    return (text || "").trim().split(/[\s,]+/).map(Number);
  }

  function WorldMap(figure) {
    const svg = figure.querySelector("svg.worldmap-svg");
    if (!svg) return;
    const world = numbers(svg.dataset.world);
    const home = numbers(svg.dataset.home);
    const aspect = world[3] / world[2];
    const circles = Array.from(svg.querySelectorAll("circle.place"));
    let view = numbers(svg.getAttribute("viewBox"));

    function set(x, y, w) {
      w = Math.min(world[2], Math.max(world[2] / MAX_ZOOM, w));
      const h = w * aspect;
      x = Math.min(world[0] + world[2] - w, Math.max(world[0], x));
      y = Math.min(world[1] + world[3] - h, Math.max(world[1], y));
      view = [x, y, w, h];
      svg.setAttribute("viewBox", view.map(function (v) { return v.toFixed(2); }).join(" "));
      const shrink = Math.sqrt(w / world[2]);
      circles.forEach(function (c) {
        c.setAttribute("r", (Number(c.dataset.r) * shrink).toFixed(2));
      });
      figure.dataset.zoom = (world[2] / w).toFixed(2);
    }

    function zoomAt(factor, cx, cy) {  // factor > 1 zooms in, around the map point (cx, cy)
      const w = Math.min(world[2], Math.max(world[2] / MAX_ZOOM, view[2] / factor));
      const k = w / view[2];
      set(cx - (cx - view[0]) * k, cy - (cy - view[1]) * k, w);
    }

    function centre() {
      return [view[0] + view[2] / 2, view[1] + view[3] / 2];
    }

    function unitsPerPixel() {
      const box = svg.getBoundingClientRect();
      return box.width ? Math.max(view[2] / box.width, view[3] / box.height) : 1;
    }

    function pointAt(event) {  // the map point under the pointer (the SVG keeps its aspect, centred)
      const box = svg.getBoundingClientRect();
      const u = unitsPerPixel();
      return [view[0] + view[2] / 2 + (event.clientX - box.left - box.width / 2) * u,
              view[1] + view[3] / 2 + (event.clientY - box.top - box.height / 2) * u];
    }

    figure.querySelectorAll("button[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        const c = centre();
        if (button.dataset.zoom === "in") zoomAt(STEP, c[0], c[1]);
        else if (button.dataset.zoom === "out") zoomAt(1 / STEP, c[0], c[1]);
        else set(home[0], home[1], home[2]);
      });
    });

    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      const p = pointAt(event);
      zoomAt(event.deltaY < 0 ? 1.25 : 1 / 1.25, p[0], p[1]);
    }, { passive: false });

    let drag = null;
    let dragged = false;
    svg.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, view: view.slice(), id: event.pointerId, moving: false };
      dragged = false;
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag || event.pointerId !== drag.id) return;
      const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (!drag.moving && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!drag.moving) {
        drag.moving = true;
        svg.setPointerCapture(event.pointerId);
        figure.classList.add("panning");
      }
      const u = unitsPerPixel();
      set(drag.view[0] - dx * u, drag.view[1] - dy * u, drag.view[2]);
    });
    function stop(event) {
      if (!drag || event.pointerId !== drag.id) return;
      dragged = drag.moving;
      drag = null;
      figure.classList.remove("panning");
    }
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);
    svg.addEventListener("click", function (event) {  // a drag that ends on a circle does not open it
      if (dragged) {
        event.preventDefault();
        event.stopPropagation();
        dragged = false;
      }
    }, true);

    set(view[0], view[1], view[2]);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("figure[data-worldmap]").forEach(WorldMap);
    document.querySelectorAll("input[data-autosubmit]").forEach(function (input) {
      input.addEventListener("change", function () {
        if (input.form) input.form.requestSubmit ? input.form.requestSubmit() : input.form.submit();
      });
    });
  });
})();
