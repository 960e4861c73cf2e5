// The JSON API: GET with query parameters, POST with the bearer token.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function url(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    q.append(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

async function parse(resp) {
  let body = null;
  try {
    body = await resp.json();
  } catch (_) { /* not JSON */ }
  if (!resp.ok) throw new ApiError(resp.status, (body && body.error) || resp.statusText);
  return body;
}

export async function get(path, params) {
  return parse(await fetch(url(path, params), { headers: { Accept: "application/json" } }));
}

export async function post(path, body, token) {
  return parse(await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  }));
}

export const api = {
  events: (params) => get("/api/events", params),
  event: (id) => get(`/api/events/${encodeURIComponent(id)}`),
  document: (id) => get(`/api/documents/${encodeURIComponent(id)}`),
  places: (q) => get("/api/places", { q, limit: 10 }),
  dossier: (id, params) => get(`/api/places/${encodeURIComponent(id)}/dossier`, params),
  stats: (params) => get("/api/stats", params),
  totals: () => get("/api/totals"),
  vocabulary: () => get("/api/vocabulary"),
  review: (id, body, token) => post(`/api/events/${encodeURIComponent(id)}/review`, body, token),
};
