// Paste or upload an article and see its extraction; shown only when the server takes writes.
// The token stays in this page's memory and goes out only as an Authorization header.
import { append, clear, dateRange, el, fetchJSON, names, plural, swatch } from "./dom.js";
import { highlight, markLegend } from "./event.js";

/** Spans of an extraction document, as the API's article view gives them. */
function documentSpans(document) {
  const spans = [];
  for (const event of document.events || []) {
    const evidence = event.evidence || {};
    spans.push({
      start: evidence.start,
      end: evidence.end,
      kind: "evidence",
      label: event.mode ? `${event.event} (${event.mode})` : event.event,
      event_id: "extracted",
    });
  }
  for (const place of document.article?.places || []) {
    spans.push({
      start: place.start,
      end: place.end,
      kind: "place",
      label: [place.name, place.country].filter(Boolean).join(", "),
    });
  }
  for (const term of document.article?.framing || []) {
    spans.push({
      start: term.start,
      end: term.end,
      kind: "loaded",
      label: `loaded term (${term.category})`,
      neutral: term.neutral,
    });
  }
  return spans;
}

function eventItem(event) {
  const who = [names(event.actor) || "unknown actor", names(event.recipient)]
    .filter(Boolean)
    .join(" → ");
  const claimant = event.claims?.find((claim) => claim.claimant)?.claimant?.name;
  return el(
    "li",
    {},
    swatch(event.event),
    " ",
    el("strong", {}, event.mode ? `${event.event} · ${event.mode}` : event.event),
    ` ${dateRange(event.date)} · ${event.location?.name || "unknown place"} · ${who} · ${event.certainty}`,
    claimant ? ` · claimed by ${claimant}` : null,
  );
}

function renderResult(container, text, body) {
  const document = body.document;
  clear(container);
  const failures = document.article?.failures || [];
  append(container, [
    failures.length
      ? el(
          "ul",
          { class: "failures" },
          failures.map((f) => el("li", {}, `${f.stage}: ${f.error}`)),
        )
      : null,
    el("ol", { class: "extracted-events" }, (document.events || []).map(eventItem)),
    markLegend(true),
    el(
      "div",
      { class: "article-text" },
      highlight(text, documentSpans(document), { eventId: "extracted" }),
    ),
    el(
      "details",
      {},
      el("summary", {}, "the extraction document (JSON)"),
      el("pre", {}, JSON.stringify(document, null, 2)),
    ),
  ]);
}

/** Wire the dialog when `config.writes`; `onStored()` runs after an article was stored. */
export function setupExtract(config, { onStored }) {
  if (!config.writes) return;
  const dialog = document.getElementById("extract-dialog");
  const form = document.getElementById("extract-form");
  const status = document.getElementById("extract-status");
  const result = document.getElementById("extract-result");
  const opener = document.getElementById("extract-open");
  opener.hidden = false;
  opener.addEventListener("click", () => dialog.showModal());
  document.getElementById("extract-close").addEventListener("click", () => dialog.close());

  form.elements.file.addEventListener("change", async () => {
    const file = form.elements.file.files[0];
    if (!file) return;
    if (file.size > config.max_body) {
      status.textContent = `${file.name} is larger than ${config.max_body} bytes: paste a shorter article`;
      return;
    }
    form.elements.text.value = await file.text();
    status.textContent = `read ${file.name}`;
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = form.elements;
    const text = fields.text.value;
    const payload = {
      text,
      published: fields.published.value || null,
      title: fields.title.value || null,
      outlet: fields.outlet.value || null,
    };
    status.textContent = "extracting…";
    clear(result);
    try {
      const body = await fetchJSON(`/api/extract${fields.store.checked ? "?store=true" : ""}`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Authorization: `Bearer ${fields.token.value}`,
        },
        body: JSON.stringify(payload),
      });
      const n = body.document.events?.length || 0;
      const stored = body.ingest
        ? ` Stored: ${body.ingest.stored} new article(s), ${body.ingest.skipped} already stored.`
        : "";
      status.textContent = `${plural(n, "event")} found.${stored}`;
      renderResult(result, text, body);
      if (body.ingest) onStored();
    } catch (error) {
      status.textContent = `Extraction failed: ${error.message}`;
    }
  });
}
