// The page: filters (kept in the URL), the list, the map, the timeline and the event view.
// Server-side filters (type, country, actor, certainty, q) fetch light rows page by page;
// the date range (since/until, or a drag on the timeline) narrows them here, without a fetch.
import { clear, el, fetchJSON, plural, swatch } from "./dom.js";
import { renderArticle, renderEventSummary, renderSources } from "./event.js";
import { setupExtract } from "./extract.js";
import { createMap, renderLegend } from "./map.js";
import { createTimeline } from "./timeline.js";

const SERVER_KEYS = ["type", "country", "actor", "certainty", "q"];
const DATE_KEYS = ["since", "until"];
const PAGE = 1000;
const MAX_ROWS = 20000;
const LIST_MAX = 300;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const state = { filters: {}, since: null, until: null, event: null, mention: null };
let rows = [];
let truncated = false;
let loadedKey = null;
let loading = null;
let map;
let timeline;
const $ = (id) => document.getElementById(id);

function serverKey() {
  return JSON.stringify(SERVER_KEYS.map((key) => state.filters[key] || ""));
}

function readURL() {
  const params = new URLSearchParams(window.location.search);
  state.filters = {};
  for (const key of SERVER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) state.filters[key] = value;
  }
  for (const key of DATE_KEYS) {
    const value = params.get(key);
    state[key] = value && ISO_DATE.test(value) ? value : null;
  }
  state.event = params.get("event") || null;
  state.mention = params.get("mention") || null;
}

function writeURL({ push = false } = {}) {
  const params = new URLSearchParams();
  for (const key of SERVER_KEYS) if (state.filters[key]) params.set(key, state.filters[key]);
  for (const key of DATE_KEYS) if (state[key]) params.set(key, state[key]);
  if (state.event) params.set("event", state.event);
  if (state.event && state.mention) params.set("mention", state.mention);
  const query = params.toString();
  const url = query ? `?${query}` : window.location.pathname;
  if (url === window.location.search || (!query && !window.location.search)) return;
  window.history[push ? "pushState" : "replaceState"](null, "", url);
}

function fillForm() {
  const form = $("filters");
  for (const key of SERVER_KEYS) form.elements[key].value = state.filters[key] || "";
  for (const key of DATE_KEYS) form.elements[key].value = state[key] || "";
}

function readForm() {
  const form = $("filters");
  state.filters = {};
  for (const key of SERVER_KEYS) {
    const value = form.elements[key].value.trim();
    if (value) state.filters[key] = key === "country" ? value.toUpperCase() : value;
  }
  for (const key of DATE_KEYS) state[key] = form.elements[key].value || null;
}

function status(text) {
  $("status").textContent = text;
}

function inRange(row) {
  if (!state.since && !state.until) return true;
  if (!row.start) return false;
  return (
    (!state.since || (row.end || row.start) >= state.since) &&
    (!state.until || row.start <= state.until)
  );
}

async function loadRows() {
  const key = serverKey();
  loading?.abort();
  const controller = new AbortController();
  loading = controller;
  status("loading events…");
  const loaded = [];
  let cursor = null;
  do {
    const params = new URLSearchParams({ fields: "summary", limit: String(PAGE) });
    for (const name of SERVER_KEYS) if (state.filters[name]) params.set(name, state.filters[name]);
    if (cursor) params.set("cursor", cursor);
    const page = await fetchJSON(`/api/events?${params}`, { signal: controller.signal });
    loaded.push(...page.events);
    cursor = page.next_cursor;
    status(`loading events… ${loaded.length.toLocaleString("en")}`);
  } while (cursor && loaded.length < MAX_ROWS);
  rows = loaded;
  truncated = Boolean(cursor);
  loadedKey = key;
  loading = null;
  const countries = [...new Set(rows.map((row) => row.country).filter(Boolean))].sort();
  clear($("countries")).append(...countries.map((code) => el("option", { value: code })));
  return render({ fit: true });
}

function listRow(row) {
  const who = [row.actors.join(", "), row.recipients.join(", ")].filter(Boolean).join(" → ");
  return el(
    "li",
    {},
    el(
      "button",
      {
        type: "button",
        class: "row",
        "data-id": row.id,
        "aria-current": row.id === state.event ? "true" : null,
        onclick: () => openEvent(row.id, { push: true }),
      },
      el(
        "span",
        { class: "row-head" },
        swatch(row.event),
        " ",
        el("strong", {}, row.mode ? `${row.event} · ${row.mode}` : row.event),
        el("span", { class: "row-date" }, row.start || "undated"),
      ),
      el(
        "span",
        { class: "row-line" },
        [row.place, row.country].filter(Boolean).join(", ") || "unknown place",
      ),
      who ? el("span", { class: "row-line" }, who) : null,
      el(
        "span",
        { class: "row-badges" },
        el("span", { class: `badge certainty-${row.certainty}` }, row.certainty),
        el("span", { class: "badge" }, plural(row.n_sources || 0, "source")),
        row.killed != null ? el("span", { class: "badge" }, `killed ${row.killed}`) : null,
        row.contested ? el("span", { class: "badge contested" }, "contested") : null,
      ),
    ),
  );
}

async function render({ fit = false } = {}) {
  const visible = rows.filter(inRange);
  timeline.setRows(
    rows,
    state.since || state.until ? { since: state.since, until: state.until } : null,
  );
  clear($("list")).append(...visible.slice(0, LIST_MAX).map(listRow));
  renderLegend($("legend"), visible);
  const more = visible.length > LIST_MAX ? ` (the first ${LIST_MAX} listed)` : "";
  const cap = truncated
    ? ` Only the newest ${MAX_ROWS.toLocaleString("en")} were loaded: narrow the filters.`
    : "";
  const mapped = await map.setRows(visible, { fit });
  status(
    `${plural(visible.length, "event")}, ${mapped.toLocaleString("en")} on the map${more}.${cap}`,
  );
  $("range").textContent =
    state.since || state.until
      ? `${state.since || "…"} to ${state.until || "…"} · drag on the timeline to change, click it to clear`
      : "drag on the timeline to select dates";
  return mapped;
}

async function openEvent(id, { push = false } = {}) {
  if (state.event !== id) state.mention = null;
  state.event = id;
  writeURL({ push });
  const view = $("event-view");
  view.hidden = false;
  for (const button of document.querySelectorAll(".row[aria-current]"))
    button.removeAttribute("aria-current");
  document.querySelector(`.row[data-id="${CSS.escape(id)}"]`)?.setAttribute("aria-current", "true");
  clear($("event-summary")).append(el("p", {}, "loading…"));
  clear($("sources"));
  clear($("article"));
  let doc;
  try {
    doc = await fetchJSON(`/api/events/${encodeURIComponent(id)}`);
  } catch (error) {
    clear($("event-summary")).append(el("p", { class: "error" }, error.message));
    return;
  }
  renderEventSummary($("event-summary"), doc);
  // The event view lies over the right of the map: keep the marker in the part still seen.
  const covered = $("map").getBoundingClientRect().right - view.getBoundingClientRect().left;
  map.focus(id, { rightInset: Math.max(0, covered) });
  const mentions = doc.mentions || [];
  const mention = mentions.find((m) => m.mention_id === state.mention) || mentions[0];
  if (mention) await showArticle(doc, mention, { push: false });
  else renderSources($("sources"), doc, { selectedMention: null, onRead: () => {} });
}

async function showArticle(doc, mention, { push }) {
  state.mention = mention.mention_id;
  writeURL({ push });
  renderSources($("sources"), doc, {
    selectedMention: mention.mention_id,
    onRead: (m) => showArticle(doc, m, { push: true }),
  });
  const target = $("article");
  clear(target).append(el("p", {}, "loading the article…"));
  try {
    const params = new URLSearchParams({ event: doc.id });
    const view = await fetchJSON(
      `/api/articles/${encodeURIComponent(mention.article_id)}?${params}`,
    );
    renderArticle(target, view, { eventId: doc.id });
  } catch (error) {
    clear(target).append(el("p", { class: "error" }, error.message));
  }
}

function closeEvent() {
  state.event = null;
  state.mention = null;
  $("event-view").hidden = true;
  writeURL({ push: true });
  map.focus(null);
}

async function applyState({ fromHistory = false } = {}) {
  if (!fromHistory) writeURL();
  if (serverKey() !== loadedKey) await loadRows();
  else await render();
  if (state.event) await openEvent(state.event);
  else $("event-view").hidden = true;
}

function wire() {
  const form = $("filters");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    readForm();
    applyState().catch(showError);
  });
  for (const select of form.querySelectorAll("select, input[type=date]")) {
    select.addEventListener("change", () => form.requestSubmit());
  }
  $("filters-clear").addEventListener("click", () => {
    form.reset();
    form.requestSubmit();
  });
  $("event-close").addEventListener("click", closeEvent);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("event-view").hidden && !$("extract-dialog").open)
      closeEvent();
  });
  window.addEventListener("popstate", () => {
    readURL();
    fillForm();
    applyState({ fromHistory: true }).catch(showError);
  });
}

function showError(error) {
  if (error.name !== "AbortError") status(`Error: ${error.message}`);
}

function fillChoices(config) {
  const form = $("filters");
  form.elements.type.append(
    ...config.event_types.map((type) => el("option", { value: type }, type)),
  );
  form.elements.certainty.append(
    ...config.certainty.map((value) => el("option", { value }, value)),
  );
}

function renderTotals(stats) {
  const range = stats.date_range?.start
    ? ` · ${stats.date_range.start} to ${stats.date_range.end}`
    : "";
  $("totals").textContent =
    `${plural(stats.events, "event")} from ${plural(stats.mentions, "mention")} in ${plural(stats.articles, "article")}${range}`;
}

function markReady() {
  performance.mark("eventcoder-ready");
  window.__eventcoderReady = performance.now();
  window.__eventcoder = { rows: rows.length, mapped: map.count(), mapAvailable: map.available };
  document.documentElement.dataset.ready = "true";
}

async function boot() {
  readURL();
  map = createMap($("map"), { onSelect: (id) => openEvent(id, { push: true }) });
  timeline = createTimeline($("timeline"), {
    onBrush(range) {
      state.since = range?.since || null;
      state.until = range?.until || null;
      fillForm();
      writeURL();
      render().catch(showError);
    },
  });
  wire();
  const [config, stats] = await Promise.all([fetchJSON("/api/config"), fetchJSON("/api/stats")]);
  fillChoices(config);
  renderTotals(stats);
  fillForm();
  setupExtract(config, {
    onStored: () => {
      loadedKey = null;
      fetchJSON("/api/stats").then(renderTotals).catch(showError);
      applyState().catch(showError);
    },
  });
  await loadRows();
  markReady();
  if (state.event) await openEvent(state.event);
}

boot().catch(showError);
