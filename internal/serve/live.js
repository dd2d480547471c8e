// pressroom preview: live reload and error overlay. Injected by
// `pressroom serve` only; never part of a build.
(function () {
  "use strict";
  var build = null;
  // The generation of the build this page comes from (see serve.go).
  var gen = Number(document.currentScript && document.currentScript.getAttribute("data-gen"));
  var here = location.pathname.replace(/index\.html$/, "");
  function overlay(errors) {
    var box = document.getElementById("pressroom-overlay");
    if (!errors || !errors.length) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "pressroom-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);" +
        "color:#fff;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2rem";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var h = document.createElement("h2");
    h.textContent = "pressroom: Fehler beim Erstellen / build failed (" + errors.length + ")";
    h.style.cssText = "color:#ff8a80;font-size:18px;margin:0 0 1rem";
    box.appendChild(h);
    errors.forEach(function (e) {
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0 0 1.5rem;border-left:4px solid #ff8a80;padding-left:1rem";
      var head = document.createElement("strong");
      head.textContent = e.where + ": " + e.msg + (e.hint ? " (" + e.hint + ")" : "");
      pre.appendChild(head);
      (e.lines || []).forEach(function (l) {
        var line = document.createElement("div");
        line.textContent = (l.n === e.line ? "> " : "  ") + String(l.n).padStart(4) + " | " + l.text;
        if (l.n === e.line) line.style.background = "rgba(255,138,128,.25)";
        pre.appendChild(line);
      });
      box.appendChild(pre);
    });
    var p = document.createElement("p");
    p.textContent = "Die Vorschau zeigt den letzten fehlerfreien Stand. Speichern Sie die korrigierte Datei. / The preview shows the last good build; save the fixed file.";
    box.appendChild(p);
  }
  function swapCSS(css) {
    Object.keys(css || {}).forEach(function (oldPath) {
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
  var es = new EventSource("/_pressroom/events");
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
    if (m.reload && (m.reload.indexOf("*") >= 0 || m.reload.indexOf(here) >= 0)) location.reload();
  };
})();
