// Building DOM without HTML strings: article text only ever becomes text nodes.

/// el("a", {href: "#/x", class: "y", dataset: {id: 1}, on: {click: fn}}, "text", child…)
export function el(tag, attrs = {}, ...children) {
  const node = tag === "svg" || attrs.svg
    ? document.createElementNS("http://www.w3.org/2000/svg", tag)
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false || k === "svg") continue;
    if (k === "on") {
      for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    } else if (k === "dataset") {
      for (const [dk, dv] of Object.entries(v)) node.dataset[dk] = String(dv);
    } else if (k === "text") {
      node.textContent = String(v);
    } else {
      node.setAttribute(k, v === true ? "" : String(v));
    }
  }
  append(node, children);
  return node;
}

/// An SVG element.
export function svg(tag, attrs = {}, ...children) {
  return el(tag, { ...attrs, svg: true }, ...children);
}

export function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/// Replaces a node's children.
export function render(node, ...children) {
  return append(clear(node), children);
}

/// A link only for http(s) URLs; anything else (javascript:, data:) stays text.
export function safeLink(url, label) {
  try {
    const u = new URL(url);
    if (u.protocol === "http:" || u.protocol === "https:") {
      return el("a", { href: u.href, target: "_blank", rel: "noopener noreferrer", dir: "ltr" }, label ?? url);
    }
  } catch (_) { /* not a URL */ }
  return el("span", { dir: "ltr" }, label ?? url);
}
