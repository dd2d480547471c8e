// pressroom preview: live update and error overlay. Injected by
// `pressroom serve` only; never part of a build. Served inside one function
// with idiomorph (morph/idiomorph.min.js), whose Idiomorph it uses.
"use strict";
var script = document.currentScript;
var build = null;
// The generation of the build this page comes from (see serve.go).
var gen = Number(script && script.getAttribute("data-gen"));
var en = script && script.getAttribute("data-lang") === "en";
var text = en ? {
  failed: function (n) { return "pressroom: the site could not be built (" + n + (n === 1 ? " error)" : " errors)"); },
  keep: "The preview shows the last good build. Save the fixed file and it updates by itself."
} : {
  failed: function (n) { return "pressroom: Die Seite konnte nicht erstellt werden (" + n + (n === 1 ? " Fehler)" : " Fehler)"); },
  keep: "Die Vorschau zeigt den letzten fehlerfreien Stand. Speichern Sie die korrigierte Datei, dann aktualisiert sie sich selbst."
};

// The overlay lives in a shadow root of an element of its own, beside the
// body: the site's CSS cannot reach into it, and its own colours are set for
// light and dark mode.
var overlayCSS = ":host{all:initial}" +
  ".box{position:fixed;inset:0;overflow:auto;box-sizing:border-box;padding:2rem;margin:0;" +
  "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#fff;color:#1b1b1b;text-align:left}" +
  "h2{font:bold 18px/1.3 system-ui,sans-serif;color:#b00020;margin:0 0 1rem}" +
  "pre{font:inherit;white-space:pre-wrap;margin:0 0 1.5rem;padding:0 0 0 1rem;border:0;border-left:4px solid #b00020;background:transparent;color:inherit}" +
  "strong{font-weight:bold;color:inherit}" +
  ".line{display:block}.here{background:#fde3e3}" +
  "p{font:15px/1.5 system-ui,sans-serif;margin:0;color:inherit}" +
  "@media (prefers-color-scheme: dark){.box{background:#161616;color:#f1f1f1}h2{color:#ff8a80}" +
  "pre{border-left-color:#ff8a80}.here{background:#5c2320}}";
function overlay(errors) {
  var host = document.getElementById("pressroom-overlay");
  if (!errors || !errors.length) {
    if (host) host.remove();
    return;
  }
  if (!host) {
    host = document.createElement("pressroom-overlay");
    host.id = "pressroom-overlay";
    host.setAttribute("style", "all:initial !important;display:block !important;position:fixed !important;inset:0 !important;z-index:2147483647 !important");
    host.attachShadow({ mode: "open" });
    document.documentElement.appendChild(host);
  }
  var root = host.shadowRoot;
  root.textContent = "";
  var style = document.createElement("style");
  style.textContent = overlayCSS;
  root.appendChild(style);
  var box = document.createElement("div");
  box.className = "box";
  box.setAttribute("role", "alert");
  box.lang = en ? "en" : "de";
  root.appendChild(box);
  var h = document.createElement("h2");
  h.textContent = text.failed(errors.length);
  box.appendChild(h);
  errors.forEach(function (e) {
    var pre = document.createElement("pre");
    var head = document.createElement("strong");
    head.textContent = e.where + ": " + e.msg + (e.hint ? " (" + e.hint + ")" : "");
    pre.appendChild(head);
    (e.lines || []).forEach(function (l) {
      var line = document.createElement("span");
      line.className = l.n === e.line ? "line here" : "line";
      line.textContent = (l.n === e.line ? "> " : "  ") + String(l.n).padStart(4) + " | " + l.text;
      pre.appendChild(line);
    });
    box.appendChild(pre);
  });
  var p = document.createElement("p");
  p.textContent = text.keep;
  box.appendChild(p);
}

// swapped maps each stylesheet path this page had to the one it has now.
var swapped = {};
function swapCSS(css) {
  Object.keys(css || {}).forEach(function (oldPath) {
    Object.keys(swapped).forEach(function (k) { if (swapped[k] === oldPath) swapped[k] = css[oldPath]; });
    swapped[oldPath] = css[oldPath];
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      if (new URL(link.href, location.href).pathname === oldPath) {
        var next = link.cloneNode();
        next.href = css[oldPath];
        next.onload = function () { link.remove(); };
        link.after(next);
      }
    });
  });
}

function isSheet(e) { return e.tagName === "LINK" && /(^|\s)stylesheet(\s|$)/i.test(e.rel); }
function sheets(head, map) {
  var seen = {};
  [].forEach.call(head.children, function (e) {
    if (isSheet(e)) {
      var p = new URL(e.getAttribute("href"), location.href).pathname;
      seen[(map && map[p]) || p] = true;
    }
  });
  return Object.keys(seen).sort().join(" ");
}
// Data of a head that an update replaces: meta elements and schema.org
// data (JSON-LD).
function isData(e) { return e.tagName === "META" || (e.tagName === "SCRIPT" && e.type === "application/ld+json"); }
// The rest of a head: what an update does not apply.
function rest(head) {
  return [].filter.call(head.children, function (e) {
    return e.tagName !== "TITLE" && !isData(e) && !isSheet(e);
  }).map(function (e) { return e.outerHTML; }).join("\n");
}
function attrs(el) {
  return [].filter.call(el.attributes, function (a) { return a.name !== "data-pressroom-live"; })
    .map(function (a) { return a.name + "=" + a.value; }).sort().join(" ");
}

// update puts the new HTML of this page into it in place: the title, meta
// elements and JSON-LD of the head, the body morphed. Scroll position, focus, a
// selection and open <details> stay. A head changed otherwise reloads.
function update(html) {
  var doc = new DOMParser().parseFromString(html, "text/html");
  if (rest(doc.head) !== rest(document.head) || sheets(doc.head) !== sheets(document.head, swapped) ||
      attrs(doc.documentElement) !== attrs(document.documentElement)) {
    location.reload();
    return;
  }
  if (document.title !== doc.title) document.title = doc.title;
  var data = [].filter.call(document.head.children, isData), fresh = [].filter.call(doc.head.children, isData);
  var same = data.length === fresh.length && data.every(function (m, i) { return m.outerHTML === fresh[i].outerHTML; });
  if (!same) {
    var at = data.length ? data[0] : document.head.firstChild;
    fresh.forEach(function (m) { document.head.insertBefore(document.importNode(m, true), at); });
    data.forEach(function (m) { m.remove(); });
  }
  Idiomorph.morph(document.body, doc.body, {
    morphStyle: "outerHTML",
    ignoreActiveValue: true,
    restoreFocus: true,
    callbacks: {
      // <details> keep the state the reader gave them.
      beforeAttributeUpdated: function (name, el) { return !(name === "open" && el.tagName === "DETAILS"); },
      beforeNodeRemoved: function (n) { return n.id !== "pressroom-overlay"; }
    }
  });
  document.dispatchEvent(new CustomEvent("pressroom:updated"));
}

var es = new EventSource("/_pressroom/events?page=" + encodeURIComponent(location.pathname));
es.onmessage = function (ev) {
  var m = JSON.parse(ev.data);
  if (m.build) {
    // The first event of a stream: a restarted server, or a build this
    // page missed while the stream was down.
    if ((build !== null && build !== m.build) || m.gen !== gen) { location.reload(); return; }
    build = m.build;
    document.documentElement.setAttribute("data-pressroom-live", build);
  } else if (m.gen > gen + 1) {
    location.reload(); // an event was missed
    return;
  }
  gen = m.gen;
  overlay(m.errors);
  swapCSS(m.css);
  if (m.html) {
    update(m.html);
  } else if (m.reload && m.reload.length) { // only ever this page: it is gone or new
    location.reload();
  }
};
