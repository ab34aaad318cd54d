// The event view: the event, its sources side by side, and a source's article with the
// evidence highlighted and loaded terms marked with their neutral alternative.
import { append, clear, count, dateRange, el, names, outLink, plural, swatch } from "./dom.js";

function field(term, ...value) {
  return [el("dt", {}, term), el("dd", {}, ...value)];
}

function figures(casualties) {
  if (!casualties) return "no figures";
  const parts = [];
  const killed = count(casualties.killed);
  const injured = count(casualties.injured);
  if (killed) parts.push(`killed ${killed}`);
  if (injured) parts.push(`injured ${injured}`);
  if (casualties.victims) parts.push(casualties.victims);
  return parts.length ? parts.join("; ") : "no figures";
}

function place(location) {
  if (!location) return "unknown place";
  const where = [location.name, location.country].filter(Boolean).join(", ");
  return location.precision ? `${where} (${location.precision})` : where;
}

function what(doc) {
  return doc.mode ? `${doc.event} · ${doc.mode}` : doc.event;
}

/** The head of the event view: what, when, where, who, how sure. */
export function renderEventSummary(container, doc) {
  clear(container);
  const who = [names(doc.actor) || "unknown actor", names(doc.recipient)]
    .filter(Boolean)
    .join(" → ");
  const badges = [
    el("span", { class: `badge certainty-${doc.certainty}` }, doc.certainty),
    el(
      "span",
      { class: "badge" },
      `${plural(doc.n_sources || 0, "source")}, ${doc.n_independent ?? 0} independent`,
    ),
    doc.contested
      ? el(
          "span",
          { class: "badge contested", title: "sources disagree on the figures or the facts" },
          "contested",
        )
      : null,
    doc.aux_mode ? el("span", { class: "badge" }, doc.aux_mode) : null,
  ];
  append(container, [
    el("h2", { class: "event-title" }, swatch(doc.event), " ", what(doc)),
    el("p", { class: "event-line" }, `${dateRange(doc.date)} · ${place(doc.location)}`),
    el("p", { class: "event-line" }, who),
    el("p", { class: "event-line" }, figures(doc.casualties)),
    el("p", { class: "badges" }, badges),
    el("p", { class: "event-id" }, doc.id),
  ]);
}

function claimLine(claim) {
  const claimant = claim.claimant?.name || "the outlet itself";
  const verb = claim.verb ? ` (${claim.verb})` : "";
  return el(
    "li",
    {},
    el("strong", {}, claimant),
    ` — ${claim.claimant_type}${verb}`,
    claim.via ? ` via ${claim.via}` : null,
    claim.quote ? el("q", {}, claim.quote) : null,
  );
}

function sourceCard(mention, { selected, onRead }) {
  const claims = mention.claims?.length
    ? el("ul", { class: "claims" }, mention.claims.map(claimLine))
    : "no attribution: the outlet reports it";
  const dateText = mention.date
    ? `${dateRange(mention.date)} (${mention.date.precision}, ${mention.date.basis})`
    : "undated";
  const linked = mention.linked_because?.length
    ? mention.linked_because.join(", ")
    : "first report";
  const card = el(
    "article",
    { class: selected ? "source selected" : "source", "data-mention": mention.mention_id },
    el(
      "h3",
      {},
      mention.outlet || "unknown outlet",
      " ",
      el("span", { class: "muted" }, mention.published || "undated"),
    ),
    mention.title ? el("p", { class: "source-title" }, mention.title) : null,
    el(
      "dl",
      {},
      field("claimed by", claims),
      field("certainty", mention.certainty, mention.aux_mode ? ` · ${mention.aux_mode}` : null),
      field("date", dateText),
      field("figures", figures(mention.casualties)),
      field("place", place(mention.location)),
      field("linked because", linked),
    ),
    el("blockquote", { class: "evidence" }, mention.evidence?.text || ""),
    el(
      "p",
      { class: "source-actions" },
      el("button", { type: "button", onclick: () => onRead(mention) }, "Read the article"),
      " ",
      outLink(mention.url, "original ↗"),
    ),
  );
  return card;
}

/** One card per mention, side by side; `onRead(mention)` opens that mention's article. */
export function renderSources(container, doc, { selectedMention, onRead }) {
  clear(container);
  const mentions = doc.mentions || [];
  if (!mentions.length) container.append(el("p", { class: "muted" }, "no stored sources"));
  for (const mention of mentions) {
    container.append(
      sourceCard(mention, { selected: mention.mention_id === selectedMention, onRead }),
    );
  }
}

function spanTitle(span) {
  if (span.kind === "loaded") return `${span.label}; neutral: ${span.neutral ?? "?"}`;
  return `${span.kind}: ${span.label}`;
}

/**
 * The text as nodes, with `spans` ({start, end, kind, label, event_id?, neutral?}) marked.
 * Text is cut at every span edge; each piece gets the classes of the spans that cover it.
 * A loaded term is followed by a small note with its neutral alternative.
 */
export function highlight(text, spans, { eventId = null } = {}) {
  const fragment = document.createDocumentFragment();
  const valid = (spans || []).filter(
    (s) =>
      Number.isInteger(s.start) &&
      Number.isInteger(s.end) &&
      s.start >= 0 &&
      s.start < s.end &&
      s.end <= text.length,
  );
  const cuts = new Set([0, text.length]);
  for (const span of valid) cuts.add(span.start).add(span.end);
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i += 1) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const covering = valid.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) {
      fragment.append(piece);
      continue;
    }
    const classes = new Set(covering.map((s) => `mark-${s.kind}`));
    if (eventId && covering.some((s) => s.kind === "evidence" && s.event_id === eventId))
      classes.add("mark-current");
    fragment.append(
      el(
        "span",
        { class: [...classes].join(" "), title: covering.map(spanTitle).join("\n") },
        piece,
      ),
    );
    for (const span of covering) {
      if (span.kind === "loaded" && span.end === b) {
        fragment.append(
          el(
            "span",
            { class: "neutral-note", title: "a neutral alternative" },
            `neutral: ${span.neutral ?? "?"}`,
          ),
        );
      }
    }
  }
  return fragment;
}

export function markLegend(extracted) {
  return el(
    "p",
    { class: "mark-legend" },
    el("span", { class: "mark-evidence mark-current" }, "this event's evidence"),
    " ",
    el("span", { class: "mark-evidence" }, "other events"),
    " ",
    el("span", { class: "mark-place" }, "place"),
    " ",
    el("span", { class: "mark-loaded" }, "loaded term"),
    extracted
      ? null
      : el(
          "span",
          { class: "muted" },
          " (places and loaded terms need the extractor, which this server does not run)",
        ),
  );
}

/** The article of an `/api/articles/{id}` view, with this event's evidence highlighted. */
export function renderArticle(container, view, { eventId }) {
  clear(container);
  const article = view.article;
  const meta = [
    article.outlet || "unknown outlet",
    article.published || "undated",
    article.dateline,
  ]
    .filter(Boolean)
    .join(" · ");
  append(container, [
    el("h3", { class: "article-title" }, article.title || article.id),
    el("p", { class: "muted" }, meta, " ", outLink(article.url, "original ↗")),
    markLegend(view.extracted),
    el("div", { class: "article-text" }, highlight(article.text, view.spans, { eventId })),
  ]);
  // Scroll the text box (not the panel, whose head names the event) to this event's evidence.
  const box = container.querySelector(".article-text");
  const current = box.querySelector(".mark-current");
  if (current) box.scrollTop = Math.max(0, current.offsetTop - box.clientHeight / 3);
}
