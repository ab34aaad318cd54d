// The timeline: events per day as SVG bars; dragging across it selects a date range.
import { clear, plural, svg } from "./dom.js";

const DAY_MS = 86_400_000;
const MARGIN = { left: 36, right: 12, top: 10, bottom: 22 };

function dayOf(iso) {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(ms) ? null : Math.floor(ms / DAY_MS);
}

function isoOf(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Tick days for an axis from `first` to `last`: month starts, or years when the span is long. */
function ticks(first, last) {
  const out = [];
  const start = new Date(first * DAY_MS);
  const yearly = last - first > 900;
  const cursor = new Date(Date.UTC(start.getUTCFullYear(), yearly ? 0 : start.getUTCMonth(), 1));
  while (cursor.getTime() / DAY_MS <= last) {
    const day = Math.floor(cursor.getTime() / DAY_MS);
    if (day >= first)
      out.push({ day, label: yearly ? String(cursor.getUTCFullYear()) : isoOf(day).slice(0, 7) });
    if (yearly) cursor.setUTCFullYear(cursor.getUTCFullYear() + 1);
    else cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  const step = Math.ceil(out.length / 12); // at most a dozen labels
  return out.filter((_, i) => i % step === 0);
}

/** A timeline in `node` (an <svg>); `onBrush({since, until})` or `onBrush(null)` on a drag. */
export function createTimeline(node, { onBrush }) {
  let counts = new Map();
  let first = null;
  let last = null;
  let selected = null;
  let geometry = null;

  function draw() {
    clear(node);
    const width = node.clientWidth || 800;
    const height = node.clientHeight || 120;
    node.setAttribute("viewBox", `0 0 ${width} ${height}`);
    if (first === null) {
      node.append(
        svg(
          "text",
          { x: width / 2, y: height / 2, class: "empty", "text-anchor": "middle" },
          "no dated events",
        ),
      );
      geometry = null;
      return;
    }
    const plotWidth = width - MARGIN.left - MARGIN.right;
    const plotHeight = height - MARGIN.top - MARGIN.bottom;
    const days = last - first + 1;
    const step = plotWidth / days;
    const max = Math.max(...counts.values());
    geometry = { step, width, height };
    const from = selected ? (dayOf(selected.since) ?? first) : null;
    const to = selected ? (dayOf(selected.until) ?? last) : null;
    const bars = svg("g", { class: "bars" });
    for (const [day, n] of counts) {
      const barHeight = Math.max(1, (n / max) * plotHeight);
      const inside = !selected || (day >= from && day <= to);
      bars.append(
        svg(
          "rect",
          {
            x: MARGIN.left + (day - first) * step,
            y: MARGIN.top + plotHeight - barHeight,
            width: Math.max(2, step - (step > 3 ? 1 : 0)),
            height: barHeight,
            class: inside ? "bar" : "bar out",
          },
          svg("title", {}, `${isoOf(day)}: ${plural(n, "event")}`),
        ),
      );
    }
    node.append(bars, axis(plotWidth, plotHeight, step, max));
    if (selected) {
      const x0 = MARGIN.left + (Math.max(from, first) - first) * step;
      const x1 = MARGIN.left + (Math.min(to, last) - first + 1) * step;
      node.append(
        svg("rect", {
          x: x0,
          y: MARGIN.top,
          width: Math.max(2, x1 - x0),
          height: plotHeight,
          class: "brush",
        }),
      );
    }
  }

  function axis(plotWidth, plotHeight, step, max) {
    const g = svg("g", { class: "axis" });
    const baseline = MARGIN.top + plotHeight;
    g.append(
      svg("line", { x1: MARGIN.left, x2: MARGIN.left + plotWidth, y1: baseline, y2: baseline }),
    );
    g.append(
      svg("text", { x: MARGIN.left - 4, y: MARGIN.top + 8, "text-anchor": "end" }, String(max)),
    );
    g.append(svg("text", { x: MARGIN.left - 4, y: baseline, "text-anchor": "end" }, "0"));
    for (const tick of ticks(first, last)) {
      const x = MARGIN.left + (tick.day - first) * step;
      g.append(svg("line", { x1: x, x2: x, y1: baseline, y2: baseline + 4 }));
      g.append(svg("text", { x, y: baseline + 16, "text-anchor": "middle" }, tick.label));
    }
    return g;
  }

  function dayAt(clientX) {
    const box = node.getBoundingClientRect();
    const x = ((clientX - box.left) / box.width) * geometry.width - MARGIN.left;
    const day = first + Math.floor(x / geometry.step);
    return Math.min(last, Math.max(first, day));
  }

  let dragStart = null;
  let preview = null;
  node.addEventListener("pointerdown", (event) => {
    if (!geometry || event.button !== 0) return;
    node.setPointerCapture(event.pointerId);
    dragStart = { x: event.clientX, day: dayAt(event.clientX) };
  });
  node.addEventListener("pointermove", (event) => {
    if (!dragStart) return;
    const a = dragStart.day;
    const b = dayAt(event.clientX);
    selected = { since: isoOf(Math.min(a, b)), until: isoOf(Math.max(a, b)) };
    if (!preview)
      preview = requestAnimationFrame(() => {
        preview = null;
        draw();
      });
  });
  node.addEventListener("pointerup", (event) => {
    if (!dragStart) return;
    const moved = Math.abs(event.clientX - dragStart.x) > 3;
    const a = dragStart.day;
    const b = dayAt(event.clientX);
    dragStart = null;
    selected = moved ? { since: isoOf(Math.min(a, b)), until: isoOf(Math.max(a, b)) } : null;
    draw();
    onBrush(selected);
  });
  new ResizeObserver(() => draw()).observe(node);

  return {
    /** Count `rows` per start day; `range` ({since, until} or null) is drawn as the brush. */
    setRows(rows, range) {
      counts = new Map();
      for (const row of rows) {
        const day = row.start ? dayOf(row.start) : null;
        if (day !== null) counts.set(day, (counts.get(day) || 0) + 1);
      }
      const days = [...counts.keys()];
      first = days.length ? Math.min(...days) : null;
      last = days.length ? Math.max(...days) : null;
      selected = range && (range.since || range.until) ? range : null;
      draw();
    },
  };
}
