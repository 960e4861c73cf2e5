// Application state shared by the views, and a tiny event bus.

/// Marker style per event type: a distinct colour and shape each.
export const TYPES = {
  "Battles": { color: "#c62828", shape: "circle" },
  "Explosions/Remote violence": { color: "#ef6c00", shape: "star" },
  "Violence against civilians": { color: "#6a1b9a", shape: "triangle" },
  "Protests": { color: "#1565c0", shape: "square" },
  "Riots": { color: "#00838f", shape: "diamond" },
  "Strategic developments": { color: "#2e7d32", shape: "hexagon" },
};
export const TYPE_ORDER = Object.keys(TYPES);

export const state = {
  /// The filter bar: type, actor, admin1, text, status.
  filters: {},
  /// The timeline's brushed period: {since, until} or null.
  range: null,
  vocabulary: null,
};

/// The API parameters for the current filters (with the brushed period unless told not to).
export function filterParams({ withRange = true } = {}) {
  const p = { ...state.filters };
  if (withRange && state.range) {
    p.since = state.range.since;
    p.until = state.range.until;
  }
  return p;
}

const handlers = {};

export function on(name, fn) {
  (handlers[name] ||= []).push(fn);
}

export function emit(name, arg) {
  for (const fn of handlers[name] || []) fn(arg);
}
