// The map: country shapes from world-atlas (no tile server, works offline) and one clustered
// circle marker per located event, coloured by event type.
import { clear, colourOf, el, plural, swatch, TYPE_COLOURS } from "./dom.js";

const COUNTRIES_URL = "/assets/world-atlas/countries-110m.json";
const MISSING =
  "The map libraries are not installed, so there is no map: run `npm ci` in the project " +
  "folder (or point EVENTCODER_ASSETS at a node_modules folder) and reload. " +
  "The list, the timeline and the event view still work.";

function notice(container, text) {
  container.append(el("p", { class: "map-notice", role: "note" }, text));
}

/** A map that takes summary rows; `onSelect(id)` is called when a marker is clicked. */
export function createMap(container, { onSelect }) {
  const L = window.L;
  if (!L || typeof L.markerClusterGroup !== "function") {
    container.classList.add("map-missing");
    notice(container, MISSING);
    return { available: false, setRows: async () => 0, focus() {}, count: () => 0 };
  }
  const map = L.map(container, { worldCopyJump: true, minZoom: 1, maxZoom: 10, zoomSnap: 0.5 });
  map.setView([25, 20], 2);
  map.attributionControl.addAttribution("Country shapes: Natural Earth via world-atlas");
  loadCountries(L, map, container);

  let finishLoading = null;
  const cluster = L.markerClusterGroup({
    iconCreateFunction: (group) => clusterIcon(L, group),
    chunkedLoading: true,
    chunkInterval: 150,
    showCoverageOnHover: false,
    maxClusterRadius: 45,
    chunkProgress(done, total) {
      if (done >= total && finishLoading) finishLoading();
    },
  });
  map.addLayer(cluster);
  const markers = new Map();
  let highlighted = null;

  function markerOf(row) {
    let marker = markers.get(row.id);
    if (!marker) {
      marker = L.circleMarker([row.lat, row.lon], {
        radius: 7,
        weight: 1.5,
        color: "#ffffff",
        fillColor: colourOf(row.event),
        fillOpacity: 0.92,
        eventType: row.event,
      });
      marker.bindTooltip(() => tooltip(row), { direction: "top", offset: [0, -6] });
      marker.on("click", () => onSelect(row.id));
      markers.set(row.id, marker);
    }
    return marker;
  }

  return {
    available: true,
    /** Show these rows; resolves with the number of markers once every chunk is on the map. */
    setRows(rows, { fit = false } = {}) {
      const located = rows.filter((row) => row.lat != null && row.lon != null);
      if (finishLoading) finishLoading(); // an earlier load that new rows replace
      cluster.clearLayers();
      highlighted = null;
      if (fit && located.length) {
        const bounds = L.latLngBounds(located.map((row) => [row.lat, row.lon]));
        map.fitBounds(bounds.pad(0.2), { maxZoom: 6, animate: false });
      }
      // chunkProgress reports the last chunk just before the clusters are drawn, in the same
      // task, so this promise's callbacks run once the markers are on the map.
      const done = new Promise((resolve) => {
        finishLoading = () => {
          finishLoading = null;
          resolve(located.length);
        };
      });
      if (located.length === 0) finishLoading();
      else cluster.addLayers(located.map(markerOf));
      return done;
    },
    /** Highlight an event's marker and bring it into the part of the map left uncovered. */
    focus(id, { rightInset = 0 } = {}) {
      const marker = markers.get(id);
      if (highlighted) highlighted.setStyle({ color: "#ffffff", weight: 1.5, radius: 7 });
      highlighted = null;
      if (!marker || !cluster.hasLayer(marker)) return;
      cluster.zoomToShowLayer(marker, () => {
        marker.setStyle({ color: "#111111", weight: 3, radius: 10 });
        highlighted = marker;
        const padding = { paddingTopLeft: [40, 40], paddingBottomRight: [rightInset + 80, 40] };
        map.panInside(marker.getLatLng(), padding);
      });
    },
    count: () => cluster.getLayers().length,
  };
}

/** A cluster: its count on a dark disc, ringed with the colour of its most frequent type. */
function clusterIcon(L, group) {
  const counts = new Map();
  for (const marker of group.getAllChildMarkers()) {
    const type = marker.options.eventType;
    counts.set(type, (counts.get(type) || 0) + 1);
  }
  const [dominant] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] || [null];
  const n = group.getChildCount();
  const size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
  const node = el("div", { class: "event-cluster" }, el("span", {}, n.toLocaleString("en")));
  node.style.borderColor = colourOf(dominant);
  return L.divIcon({ html: node, className: "event-cluster-icon", iconSize: L.point(size, size) });
}

/**
 * Rings whose longitude jumps across the antimeridian are unwrapped (179 -> 181, not -179), so
 * Leaflet draws Chukotka or Fiji where they are instead of a band across the whole map.
 */
function unwrapRing(ring) {
  let offset = 0;
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const previous = ring[i - 1][0] + offset;
      if (lon + offset - previous > 180) offset -= 360;
      else if (lon + offset - previous < -180) offset += 360;
    }
    return [lon + offset, lat];
  });
}

function unwrapShapes(collection) {
  const ANTARCTICA = "010"; // its ring circles the pole: no unwrapping helps, and no events
  collection.features = collection.features.filter((feature) => feature.id !== ANTARCTICA);
  for (const feature of collection.features) {
    const geometry = feature.geometry;
    if (geometry?.type === "Polygon") geometry.coordinates = geometry.coordinates.map(unwrapRing);
    if (geometry?.type === "MultiPolygon") {
      geometry.coordinates = geometry.coordinates.map((polygon) => polygon.map(unwrapRing));
    }
  }
  return collection;
}

async function loadCountries(L, map, container) {
  if (!window.topojson) {
    notice(container, "Country shapes are missing (topojson-client is not installed).");
    return;
  }
  try {
    const response = await fetch(COUNTRIES_URL);
    if (!response.ok) throw new Error(`${COUNTRIES_URL}: ${response.status}`);
    const topology = await response.json();
    const shapes = unwrapShapes(window.topojson.feature(topology, topology.objects.countries));
    const layer = L.geoJSON(shapes, {
      interactive: false,
      style: { color: "#9aa7b5", weight: 0.7, fillColor: "#eef1f4", fillOpacity: 1 },
    });
    layer.addTo(map);
    layer.bringToBack();
  } catch (error) {
    notice(container, `Country shapes could not be loaded (${error.message}); run npm ci.`);
  }
}

function tooltip(row) {
  const what = row.mode ? `${row.event} (${row.mode})` : row.event;
  const who = [row.actors.join(", "), row.recipients.join(", ")].filter(Boolean).join(" → ");
  return el(
    "div",
    { class: "tip" },
    el("strong", {}, what),
    el("div", {}, [row.start || "undated", row.place].filter(Boolean).join(" · ")),
    who ? el("div", {}, who) : null,
    el("div", {}, `${row.certainty} · ${plural(row.n_sources || 0, "source")}`),
  );
}

/** The legend: a swatch and a count for each event type in `rows`, in the ontology's order. */
export function renderLegend(container, rows) {
  const counts = new Map();
  for (const row of rows) counts.set(row.event, (counts.get(row.event) || 0) + 1);
  const order = [
    ...Object.keys(TYPE_COLOURS),
    ...[...counts.keys()].filter((t) => !(t in TYPE_COLOURS)),
  ];
  clear(container);
  const items = order.filter((type) => counts.has(type));
  if (!items.length) return;
  container.append(
    el(
      "ul",
      {},
      items.map((type) =>
        el("li", {}, swatch(type), ` ${type} `, el("span", { class: "n" }, counts.get(type))),
      ),
    ),
  );
}
