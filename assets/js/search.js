// The searcher of pressroom's search page: plain JavaScript, no other
// host, no eval, no wasm. It reads the index that the build wrote
// (internal/search): meta.gz first, then only the word shards and result
// chunks a query needs. Words are split and folded as the index did
// (ä = ae, ß = ss); the index maps every folded word form of the pages to
// its stems, so no stemmer runs here.
(function () {
  "use strict";
  var form = document.getElementById("suche");
  if (!form || !window.fetch) return;
  var input = document.getElementById("suche-q");
  var status = document.getElementById("suche-status");
  var list = document.getElementById("suche-treffer");
  var more = document.getElementById("suche-mehr");
  var selects = form.querySelectorAll("select[data-facet]");
  var ds = form.dataset;
  var dir = ds.index, base = ds.base;
  var PAGE = 10, MAXWORD = 48, MAXFORMS = 64, MAXCHUNKS = 12;

  var files = new Map();
  var meta = null, version = "";

  // load fetches an index file and parses its JSON, gunzipping it unless
  // the server did (a host may send .gz files with Content-Encoding).
  function load(name) {
    var p = files.get(name);
    if (p) return p;
    p = fetch(dir + name + (version ? "?v=" + version : ""), name === "meta.gz" ? { cache: "no-cache" } : {})
      .then(function (res) {
        if (!res.ok) throw new Error(res.status + " " + name);
        return res.arrayBuffer();
      })
      .then(function (buf) {
        var b = new Uint8Array(buf);
        if (b.length > 1 && b[0] === 0x1f && b[1] === 0x8b) {
          var stream = new Blob([b]).stream().pipeThrough(new DecompressionStream("gzip"));
          return new Response(stream).text();
        }
        return new TextDecoder().decode(b);
      })
      .then(JSON.parse);
    p.catch(function () { files.delete(name); });
    files.set(name, p);
    return p;
  }

  var umlauts = { "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss" };
  // words splits text as search.Words does; fold folds a word as
  // search.Fold does.
  function words(text) {
    return (text.toLowerCase().normalize("NFC").match(/[\p{L}\p{M}\p{N}]+/gu) || []).filter(function (w) { return w.length <= MAXWORD; });
  }
  function fold(w) {
    w = w.replace(/[äöüß]/g, function (c) { return umlauts[c]; });
    if (/^[\x00-\x7f]*$/.test(w)) return w;
    return w.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
  }

  // shardOf is the shard that holds the folded word w: the shards start at
  // meta.shards (the first at "").
  function shardOf(w) {
    var lo = 0, hi = meta.shards.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (meta.shards[mid] <= w) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // parse splits a query into terms (folded words, the last one a prefix
  // unless the query ends with a space or quote) and quoted phrases.
  function parse(q) {
    var phrases = [], terms = [], seen = {};
    q.replace(/"([^"]*)"?/g, function (_, p) {
      var ws = words(p).map(fold);
      if (ws.length > 1) phrases.push(ws);
      return " ";
    });
    var all = words(q);
    var open = (q.match(/"/g) || []).length % 2 === 1;
    var endsInWord = /[\p{L}\p{M}\p{N}]$/u.test(q) && !open;
    all.forEach(function (w, i) {
      var f = fold(w);
      var prefix = endsInWord && i === all.length - 1 && f.length >= 2;
      if (meta.stopSet[f] && !prefix) return;
      var key = f + (prefix ? "*" : "");
      if (seen[key]) return;
      seen[key] = true;
      terms.push({ word: f, prefix: prefix });
    });
    return { terms: terms, phrases: phrases };
  }

  // postings decodes a list of deltas of id<<1|title into flags per page:
  // 1 in the text, 3 in the title.
  var decoded = new Map();
  function postings(shard, idx, list) {
    var key = shard + ":" + idx, out = decoded.get(key);
    if (out) return out;
    out = [];
    var v = 0;
    for (var i = 0; i < list.length; i++) {
      v += list[i];
      out.push(v);
    }
    decoded.set(key, out);
    return out;
  }

  // lookup finds the pages of one term: an array of flags by page id, or
  // null if no page has the term; forms collects the word forms to mark.
  function lookup(term, forms) {
    var first = shardOf(term.word);
    var last = term.prefix ? shardOf(term.word + "\uffff") : first;
    var names = [];
    for (var i = first; i <= last; i++) names.push(i);
    return Promise.all(names.map(function (i) { return load("w" + i + ".gz"); })).then(function (shards) {
      var hits = null, found = [];
      shards.forEach(function (sh, k) {
        var idxs = {};
        var add = function (w) {
          var x = sh.w[w];
          if (x === undefined) return;
          (typeof x === "number" ? [x] : x).forEach(function (i) { idxs[i] = true; });
        };
        if (term.prefix) {
          var cands = [];
          for (var w in sh.w) if (w.lastIndexOf(term.word, 0) === 0) cands.push(w);
          // The commonest forms first, when a short prefix has many.
          if (cands.length > MAXFORMS) {
            cands.sort(function (a, b) { return size(sh, b) - size(sh, a); });
            cands.length = MAXFORMS;
          }
          cands.forEach(add);
        } else {
          add(term.word);
        }
        var stemIdx = Object.keys(idxs);
        if (!stemIdx.length) return;
        // The forms of the same stems in this shard are marked too.
        for (var w2 in sh.w) {
          var x2 = sh.w[w2];
          if ((typeof x2 === "number" ? [x2] : x2).some(function (i) { return idxs[i]; })) forms[w2] = true;
        }
        stemIdx.forEach(function (i) { found.push(postings(names[k], i, sh.p[i])); });
      });
      found.forEach(function (ids) {
        if (!hits) hits = new Uint8Array(meta.n);
        for (var i = 0; i < ids.length; i++) {
          var f = ids[i] & 1 ? 3 : 1, id = ids[i] >> 1;
          if (hits[id] < f) hits[id] = f;
        }
      });
      return hits;
    });
  }
  // find is lookup, and for a word that no page has in this form
  // (Arbeitsmarktes, where the pages say Arbeitsmarkt) the longest form
  // of the pages that it starts with, one to three letters shorter: the
  // vocabulary holds the forms of the pages only.
  function find(term, forms) {
    return lookup(term, forms).then(function (hits) {
      var w = term.word;
      if (hits || term.cut >= 3 || w.length - 1 < 4) return hits;
      return find({ word: w.slice(0, -1), prefix: term.prefix, cut: (term.cut || 0) + 1 }, forms);
    });
  }
  function size(sh, w) {
    var x = sh.w[w];
    return (typeof x === "number" ? [x] : x).reduce(function (n, i) { return n + sh.p[i].length; }, 0);
  }

  // facet is the set of pages with one filter value.
  function facet(kind, value) {
    return load("facets.gz").then(function (f) {
      var mask = new Uint8Array(meta.n), l = (f[kind] || {})[value] || [], v = 0;
      for (var i = 0; i < l.length; i++) {
        v += l[i];
        mask[v] = 1;
      }
      return mask;
    });
  }

  function chunk(id) { return load("r" + Math.floor(id / meta.cs) + ".gz"); }
  function row(id) { return chunk(id).then(function (c) { return c[id % meta.cs]; }); }

  function hasPhrase(r, phrase) {
    var ws = words(r[1] + " " + r[7]).map(fold);
    outer: for (var i = 0; i + phrase.length <= ws.length; i++) {
      for (var k = 0; k < phrase.length; k++) if (ws[i + k] !== phrase[k]) continue outer;
      return true;
    }
    return false;
  }

  var run = 0; // the number of the latest search: older ones give up
  var state = null;

  function search(announce) {
    var n = ++run;
    var q = input.value;
    var filters = [];
    selects.forEach(function (s) { if (s.value) filters.push([s.dataset.facet, s.value]); });
    updateURL(q, filters);
    if (!q.trim()) {
      list.textContent = "";
      more.hidden = true;
      say("", announce);
      return Promise.resolve();
    }
    return loadMeta().then(function () {
      var parsed = parse(q);
      if (!parsed.terms.length) return show(n, q, [], parsed, {}, announce);
      var forms = {};
      return Promise.all(parsed.terms.map(function (t) { return find(t, forms); }).concat(filters.map(function (f) { return facet(f[0], f[1]); })))
        .then(function (res) {
          if (n !== run) return;
          var hits = res.slice(0, parsed.terms.length), masks = res.slice(parsed.terms.length);
          var ids = [];
          if (hits.every(Boolean)) {
            var score = new Uint16Array(meta.n);
            for (var id = 0; id < meta.n; id++) {
              var s = 0;
              for (var t = 0; t < hits.length && s >= 0; t++) s = hits[t][id] ? s + hits[t][id] : -1;
              for (var m = 0; m < masks.length && s > 0; m++) if (!masks[m][id]) s = -1;
              if (s > 0) {
                score[id] = s;
                ids.push(id);
              }
            }
            // Better matches first (the words in the title), and among
            // equally good ones the newest: ids are newest first.
            ids.sort(function (a, b) { return score[b] - score[a] || a - b; });
          }
          parsed.terms.forEach(function (t) { forms[t.word] = true; });
          return show(n, q, ids, parsed, forms, announce);
        });
    }).catch(function (e) {
      if (n === run) say(ds.failed, true);
      if (window.console) console.error(e);
    });
  }

  // show renders the first page of results.
  function show(n, q, ids, parsed, forms, announce) {
    if (n !== run) return;
    state = { n: n, q: q, ids: ids, next: 0, shown: 0, parsed: parsed, forms: forms, verified: parsed.phrases.length === 0 };
    list.textContent = "";
    return page(announce);
  }

  // page adds the next PAGE results to the list; with a quoted phrase it
  // checks each candidate's title and snippet, loading a few more chunks.
  function page(announce, focusNew) {
    var st = state, want = PAGE, out = [], chunks = {};
    function step() {
      if (st.n !== run) return Promise.resolve();
      if (out.length >= want || st.next >= st.ids.length) return Promise.resolve();
      var id = st.ids[st.next];
      var c = Math.floor(id / meta.cs);
      if (!chunks[c] && Object.keys(chunks).length >= MAXCHUNKS) return Promise.resolve();
      chunks[c] = true;
      return row(id).then(function (r) {
        st.next++;
        if (st.parsed.phrases.every(function (p) { return hasPhrase(r, p); })) out.push(r);
        return step();
      });
    }
    // The rows of this page load together.
    var firstRows = st.verified ? st.ids.slice(st.next, st.next + want).map(row) : [];
    return Promise.all(firstRows).then(step).then(function () {
      if (st.n !== run) return;
      var first = null;
      out.forEach(function (r) {
        var li = item(r, st.forms, st.parsed.terms);
        if (!first) first = li;
        list.appendChild(li);
      });
      st.shown += out.length;
      more.hidden = st.next >= st.ids.length;
      var count;
      if (st.verified || st.next >= st.ids.length) {
        var total = st.verified ? st.ids.length : st.shown;
        count = total === 0 ? ds.none : total === 1 ? ds.one : ds.many.replace("%d", total.toLocaleString(ds.lang));
      } else {
        count = ds.many.replace("%d", st.shown + "+");
      }
      say(count.replace("%s", st.q.trim()), announce);
      if (focusNew && first) first.querySelector("a").focus();
      // For measurements: when the first results of the page are shown,
      // and each time results are.
      if (!performance.getEntriesByName("search-results").length) performance.mark("search-results");
      form.dispatchEvent(new CustomEvent("searchdone"));
    });
  }

  function item(r, forms, terms) {
    var li = document.createElement("li");
    li.className = "search-hit";
    var h = document.createElement("h3");
    var a = document.createElement("a");
    a.href = base + r[0].replace(/^\//, "");
    mark(a, r[1], forms, terms);
    h.appendChild(a);
    li.appendChild(h);
    var m = document.createElement("p");
    m.className = "entry-meta";
    var parts = [];
    if (r[2]) {
      var time = document.createElement("time");
      time.dateTime = r[2];
      time.textContent = r[3];
      parts.push(time);
    }
    if (r[4] >= 0 && meta.s[r[4]]) parts.push(meta.s[r[4]]);
    if (r[5].length) parts.push(r[5].map(function (i) { return meta.o[i]; }).join(", "));
    parts.forEach(function (p, i) {
      if (i) m.appendChild(document.createTextNode(" · "));
      m.appendChild(typeof p === "string" ? document.createTextNode(p) : p);
    });
    li.appendChild(m);
    if (r[7]) {
      var s = document.createElement("p");
      s.className = "search-snippet";
      mark(s, r[7], forms, terms);
      li.appendChild(s);
    }
    if (r[6].length) {
      var t = document.createElement("p");
      t.className = "search-topics";
      t.textContent = r[6].map(function (i) { return meta.t[i]; }).join(" · ");
      li.appendChild(t);
    }
    return li;
  }

  // mark writes text into el with the words of the query in <mark>.
  function mark(el, text, forms, terms) {
    var re = /[\p{L}\p{M}\p{N}]+/gu, last = 0, m;
    while ((m = re.exec(text))) {
      var f = fold(m[0].toLowerCase().normalize("NFC"));
      var hit = forms[f] || terms.some(function (t) { return t.prefix && f.lastIndexOf(t.word, 0) === 0; });
      if (!hit) continue;
      if (m.index > last) el.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mk = document.createElement("mark");
      mk.textContent = m[0];
      el.appendChild(mk);
      last = m.index + m[0].length;
    }
    if (last < text.length) el.appendChild(document.createTextNode(text.slice(last)));
  }

  // say shows the status; a screen reader hears it once typing pauses.
  var sayTimer = 0;
  function say(text, now) {
    clearTimeout(sayTimer);
    if (now) {
      status.textContent = text;
      return;
    }
    sayTimer = setTimeout(function () { status.textContent = text; }, 700);
  }

  function loadMeta() {
    if (meta) return Promise.resolve(meta);
    return load("meta.gz").then(function (m) {
      meta = m;
      version = m.v;
      meta.stopSet = {};
      m.stop.forEach(function (w) { meta.stopSet[w] = true; });
      return m;
    });
  }

  function updateURL(q, filters) {
    if (!window.history.replaceState) return;
    var p = new URLSearchParams();
    if (q) p.set("q", q);
    filters.forEach(function (f) { p.set(f[0], f[1]); });
    var s = p.toString();
    history.replaceState(null, "", location.pathname + (s ? "?" + s : ""));
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    search(true);
  });
  input.addEventListener("input", function () { search(false); });
  selects.forEach(function (s) { s.addEventListener("change", function () { search(true); }); });
  more.addEventListener("click", function () { page(true, true); });
  // Arrow keys move between the field and the results.
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") {
      var a = list.querySelector("a");
      if (a) {
        e.preventDefault();
        a.focus();
      }
    } else if (e.key === "Escape" && input.value) {
      input.value = "";
      search(true);
    }
  });
  list.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var i = links.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === "ArrowUp" && i === 0) input.focus();
    else if (links[i + (e.key === "ArrowDown" ? 1 : -1)]) links[i + (e.key === "ArrowDown" ? 1 : -1)].focus();
  });

  // A query in the address (from the header's field, or a shared link).
  var params = new URLSearchParams(location.search);
  if (params.get("q")) input.value = params.get("q");
  selects.forEach(function (s) {
    var v = params.get(s.dataset.facet);
    if (v !== null) s.value = v;
  });
  if (typeof DecompressionStream === "undefined") {
    say(ds.failed, true);
    return;
  }
  if (input.value) search(true);
  else loadMeta().catch(function () {});
})();
