// Small DOM helpers. Every piece of text from the server goes in as a Text node (never as HTML):
// `el` appends strings with `Node.append`, and sets attributes with `setAttribute` on names we
// choose, so article text, names and titles can never become markup or script.

/** The colour of each PLOVER event type: blues for talk, greens for help, reds for force. */
export const TYPE_COLOURS = {
  AGREE: "#1f77b4",
  CONSULT: "#6baed6",
  SUPPORT: "#17becf",
  CONCEDE: "#7fb8c4",
  COOPERATE: "#2ca02c",
  AID: "#74c476",
  RETREAT: "#bcbd22",
  REQUEST: "#f0b45a",
  ACCUSE: "#ff7f0e",
  REJECT: "#c98a2b",
  THREATEN: "#e05f6a",
  PROTEST: "#9467bd",
  SANCTION: "#b59fd0",
  MOBILIZE: "#8c564b",
  COERCE: "#e377c2",
  ASSAULT: "#c81e1e",
};
export const OTHER_COLOUR = "#7f7f7f";

export function colourOf(type) {
  return Object.hasOwn(TYPE_COLOURS, type) ? TYPE_COLOURS[type] : OTHER_COLOUR;
}

/** A swatch element of a type's colour, set through the CSSOM (allowed by the page's CSP). */
export function swatch(type) {
  const node = el("span", { class: "swatch", "aria-hidden": "true" });
  node.style.backgroundColor = colourOf(type);
  return node;
}

/**
 * An element with attributes and children. Attribute names are ours; values may be data.
 * Children are nodes or strings (inserted as text), nested arrays, or null (skipped).
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const SVG_NS = "http://www.w3.org/2000/svg";

export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/** The URL if it is an http(s) link, else null: a stored `javascript:` URL never becomes a link. */
export function safeHref(url) {
  if (typeof url !== "string" || !url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A link that opens outside the page, or plain text when the URL is not http(s). */
export function outLink(url, text) {
  const href = safeHref(url);
  if (!href) return null;
  return el("a", { href, target: "_blank", rel: "noopener noreferrer" }, text);
}

/** JSON from the API; a failure throws an Error carrying the API's error message. */
export async function fetchJSON(url, options = {}) {
  const response = await fetch(url, options);
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = new Error(body?.error?.message || `${response.status} ${response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

export function names(list) {
  return (list || [])
    .map((entity) => (typeof entity === "string" ? entity : entity?.name))
    .filter(Boolean)
    .join(", ");
}

export function dateRange(date) {
  if (!date || !date.start) return "undated";
  return date.end && date.end !== date.start ? `${date.start} – ${date.end}` : date.start;
}

/** "12 (10–15)" for a casualty count with a range; null when it has no figure. */
export function count(value) {
  if (!value || (value.best == null && value.low == null && value.high == null)) return null;
  const best = value.best ?? "?";
  if (value.low != null && value.high != null && value.low !== value.high) {
    return `${best} (${value.low}–${value.high})`;
  }
  return String(best);
}

export function plural(n, word) {
  return `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
}
