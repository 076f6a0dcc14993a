// The search page: asks the Pagefind index built with the site (in the
// folder named by the form's data-index) and lists what it finds. The query
// and filters live in the page's address (?q=...&kind=...), so a search can
// be shared and the form works as a plain GET form. Without JavaScript the
// page says so and links to the browse pages instead.
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var off = document.getElementById('search-off');
  if (!form || !status || !list) return;
  var input = document.getElementById('search-q');
  // The filters are the form's selects (kind, region, current rating, year).
  var filters = Array.prototype.map.call(form.querySelectorAll('select'), function (s) { return s.name; });
  var PAGE = 20;
  // How many records the quote filter reads at most (see quoteResults).
  var MOST = 200;
  // How many words an excerpt, and a run of matches, spans.
  var WINDOW = 24;
  // How many of a result's other matching quotes it links.
  var OTHERS = 5;
  var pagefind = null;
  var latest = 0;
  // What is left to show: results, or (`ready`) items already made.
  var shown = [];
  var ready = false;
  // The kind filter and words of the search shown.
  var asked = { kind: '', query: '' };
  var more = null;

  var el = window.el; // from dom.js

  // Pagefind marks the words found with <mark>; everything else in an
  // excerpt is the record's text and is shown as text, never as markup.
  function excerpt(text) {
    var p = el('p', { 'class': 'search-excerpt' });
    var marked = false;
    text.split(/(<mark>|<\/mark>)/).forEach(function (part) {
      if (part === '<mark>') { marked = true; return; }
      if (part === '</mark>') { marked = false; return; }
      if (!part) return;
      p.appendChild(marked ? el('mark', {}, part) : document.createTextNode(part));
    });
    return p;
  }

  // A record's quotes, from its anchors (src/render/search/mod.rs, `anchor`):
  // each quote is two sections, both anchored with its permalink's id: who
  // said it ("cite"), then what was said ("blockquote"), up to the next
  // anchor or the end. Word n of the record is words[n].
  function quotesOf(data) {
    var words = data.content.split(' ');
    var marks = (data.anchors || []).slice().sort(function (a, b) { return a.location - b.location; });
    var quotes = [];
    marks.forEach(function (m, i) {
      var said = marks[i + 1];
      if (m.element !== 'cite' || !said || said.element !== 'blockquote' || said.id !== m.id) return;
      var next = marks[i + 2];
      quotes.push({
        id: m.id,
        from: m.location,
        said: said.location,
        to: next ? next.location : words.length,
        who: words.slice(m.location, said.location).join(' ')
      });
    });
    // How well each quote, and the rest of the record (before the first
    // quote), matched the query: the longest run of consecutive words found
    // in it (a phrase), then the score of its densest WINDOW words (as
    // Pagefind picks an excerpt), so that words scattered through a long
    // text count for less than the same words together.
    var scored = (data.weighted_locations || []).slice().sort(function (x, y) { return x.location - y.location; });
    quotes.forEach(function (q) {
      var m = match(scored, q.from, q.to);
      q.run = m.run;
      q.score = m.score;
      q.at = m.at;
      q.found = scored.map(function (w) { return w.location; })
        .filter(function (l) { return l >= q.said && l < q.to; });
    });
    var rest = match(scored, 0, quotes.length ? quotes[0].from : Infinity);
    return { words: words, quotes: quotes, rest: rest };
  }

  // How well the words [from, to) matched: `run`, `score` and where the
  // densest window starts (`at`), from `scored` (sorted by location).
  function match(scored, from, to) {
    var inside = scored.filter(function (w) { return w.location >= from && w.location < to; });
    var best = { run: 0, score: 0, at: from };
    var sum = 0;
    var end = 0;
    var run = 0;
    for (var i = 0; i < inside.length; i++) {
      var here = inside[i].location;
      if (!i || here !== inside[i - 1].location) run = i && here === inside[i - 1].location + 1 ? run + 1 : 1;
      best.run = Math.max(best.run, run);
      while (end < inside.length && inside[end].location < here + WINDOW) sum += inside[end++].balanced_score;
      if (sum > best.score) { best.score = sum; best.at = here; }
      sum -= inside[i].balanced_score;
    }
    return best;
  }

  // Whether match `a` is better than `b`.
  function better(a, b) {
    return a.run !== b.run ? a.run > b.run : a.score > b.score;
  }

  // Whether match `a` is nearly as good as the best, `top`.
  function near(a, top) {
    return a.run > 0 && 2 * a.run >= top.run && 2 * a.score >= top.score;
  }

  // What was said, as text: the words around its densest run of matches
  // (all marked), with an ellipsis where the quote goes on.
  function quoteExcerpt(words, q) {
    var length = WINDOW;
    var start = q.found.length ? Math.max(q.said, Math.min(q.at - 3, q.to - length)) : q.said;
    var end = Math.min(q.to, start + length);
    var p = el('p', { 'class': 'search-excerpt' });
    var plain = start > q.said ? '… ' : '';
    for (var i = start; i < end; i++) {
      var word = words[i] + (i + 1 < end ? ' ' : '');
      if (q.found.indexOf(i) < 0) { plain += word; continue; }
      if (plain) p.appendChild(document.createTextNode(plain));
      p.appendChild(el('mark', {}, words[i]));
      plain = i + 1 < end ? ' ' : '';
    }
    plain += end < q.to ? ' …' : '';
    if (plain) p.appendChild(document.createTextNode(plain));
    return p;
  }

  // A record as found: the record itself.
  function pageItem(data) {
    var li = el('li', { 'class': 'search-result' });
    var h = el('h2', {});
    h.appendChild(el('a', { href: data.url }, data.meta.title || data.url));
    li.appendChild(h);
    if (data.meta.context) li.appendChild(el('p', { 'class': 'meta' }, data.meta.context));
    if (data.excerpt) li.appendChild(excerpt(data.excerpt));
    return li;
  }

  // One of a record's quotes as found: at its permalink, its context that
  // of the record it is from (whose kind it replaces), linked.
  function quoteItem(data, read, q) {
    var li = el('li', { 'class': 'search-result' });
    var h = el('h2', {});
    h.appendChild(el('a', { href: data.url + '#' + q.id }, q.who || 'Quote'));
    li.appendChild(h);
    var where = (data.meta.context || '').split(' · ').slice(1);
    var meta = el('p', { 'class': 'meta' }, ['Quote'].concat(where).join(' · ') + ' · from ');
    meta.appendChild(el('a', { href: data.url }, data.meta.title || data.url));
    li.appendChild(meta);
    li.appendChild(quoteExcerpt(read.words, q));
    return li;
  }

  // The items a found record is shown as: with the quote filter, each of
  // its quotes that matched (all of them, with no words to match), best
  // first; otherwise one item, the record, or its best quote if that matched
  // better than the rest of it and the kind filter asks for no other kind,
  // with links to its other quotes that matched.
  function items(data, kind, query) {
    var read = quotesOf(data);
    var order = function (a, b) { return better(a, b) ? -1 : better(b, a) ? 1 : 0; };
    var ranked = read.quotes.filter(function (q) { return q.run > 0; }).sort(order);
    if (kind === 'Quote') {
      var found = ranked.filter(function (q) { return near(q, ranked[0]); });
      return (query ? found : read.quotes).map(function (q) { return quoteItem(data, read, q); });
    }
    var first = !kind && ranked.length && better(ranked[0], read.rest) ? ranked[0] : null;
    var top = first || read.rest;
    var others = ranked.filter(function (q) { return q !== first && near(q, top); });
    var li = first ? quoteItem(data, read, first) : pageItem(data);
    if (others.length && kind !== 'Authority') li.appendChild(otherQuotes(data, others));
    return [li];
  }

  // The record's other quotes that matched best (the first OTHERS), each
  // linked at its permalink.
  function otherQuotes(data, quotes) {
    var p = el('p', { 'class': 'search-quotes' }, quotes.length === 1 ? 'Also a quote here: ' : 'Also quotes here: ');
    quotes.slice(0, OTHERS).forEach(function (q, i) {
      if (i) p.appendChild(document.createTextNode('; '));
      p.appendChild(el('a', { href: data.url + '#' + q.id }, q.who || 'Quote'));
    });
    if (quotes.length > OTHERS) p.appendChild(document.createTextNode('; and ' + (quotes.length - OTHERS) + ' more'));
    return p;
  }

  function chosen() {
    var f = {};
    filters.forEach(function (name) {
      var v = form.elements[name].value;
      if (v) f[name] = v;
    });
    return f;
  }

  function remember(query, f) {
    var params = new URLSearchParams();
    if (query) params.set('q', query);
    Object.keys(f).forEach(function (k) { params.set(k, f[k]); });
    var qs = params.toString();
    history.replaceState(null, '', qs ? '?' + qs : location.pathname);
  }

  // The next items to show: results are loaded as they are shown, except
  // with the quote filter, whose items are made up front (`ready`).
  function nextItems() {
    var next = shown.splice(0, PAGE);
    if (ready) return Promise.resolve(next);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (all) {
      return all.map(function (d) { return items(d, asked.kind, asked.query)[0]; });
    });
  }

  function showMore() {
    var ask = latest;
    return nextItems().then(function (next) {
      if (ask !== latest) return;
      next.forEach(function (li) { list.appendChild(li); });
      if (more) { more.remove(); more = null; }
      if (shown.length) {
        more = el('button', { type: 'button', 'class': 'search-more' }, 'Show more results');
        more.addEventListener('click', function () {
          var first = list.children.length;
          showMore().then(function () {
            var link = list.children[first] && list.children[first].querySelector('a');
            if (link) link.focus();
          });
        });
        list.after(more);
      }
    });
  }

  // With the quote filter, a record stands for as many results as it has
  // quotes that matched, which only its data tells: the first MOST records'
  // are read before anything is counted or shown.
  function quoteResults(found, query) {
    var some = found.results.slice(0, MOST);
    return Promise.all(some.map(function (r) { return r.data(); })).then(function (all) {
      var out = [];
      all.forEach(function (d) { out = out.concat(items(d, 'Quote', query)); });
      var left = found.results.length - some.length;
      var note = left > 0 ? ', from the ' + MOST + ' inspections and responses that match best (' + left
        + ' more match: add words or filters to see them)' : '';
      return { items: out, note: note };
    });
  }

  function run() {
    var query = input.value.trim();
    var f = chosen();
    remember(query, f);
    var ask = ++latest;
    list.textContent = '';
    if (more) { more.remove(); more = null; }
    if (!query && !Object.keys(f).length) {
      status.textContent = 'Type a word or a phrase, or choose a filter.';
      list.hidden = true;
      return Promise.resolve();
    }
    status.textContent = 'Searching…';
    return load().then(function (pf) {
      return pf.search(query || null, { filters: f });
    }).then(function (found) {
      if (ask !== latest) return;
      asked = { kind: f.kind || '', query: query };
      if (asked.kind === 'Quote') return quoteResults(found, query);
      return { results: found.results, note: '' };
    }).then(function (got) {
      if (!got || ask !== latest) return;
      ready = !got.results;
      shown = (got.results || got.items).slice();
      var n = shown.length;
      var what = query ? ' for “' + query + '”' : '';
      // Said once the first results are on the page, so that what is
      // announced is there to read.
      return showMore().then(function () {
        if (ask !== latest) return;
        list.hidden = n === 0;
        status.textContent = (n === 0 ? 'No results' : n + (n === 1 ? ' result' : ' results')) + what + got.note + '.';
      });
    }).catch(function () {
      if (ask !== latest) return;
      status.textContent = 'The search index could not be loaded. Try again, or browse instead.';
      if (off) off.hidden = false;
    });
  }

  function load() {
    if (pagefind) return pagefind;
    var index = form.getAttribute('data-index');
    pagefind = import(index + 'pagefind.js').then(function (pf) {
      // Records carry their own full links (with the site's base path).
      return pf.options({ baseUrl: '/', excerptLength: WINDOW }).then(function () { return pf; });
    });
    pagefind.catch(function () { pagefind = null; });
    return pagefind;
  }

  var params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  filters.forEach(function (name) {
    var v = params.get(name);
    var s = form.elements[name];
    if (v && Array.prototype.some.call(s.options, function (o) { return o.value === v; })) s.value = v;
  });

  if (off) off.hidden = true;
  form.hidden = false;
  status.hidden = false;
  var timer = null;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  filters.forEach(function (name) { form.elements[name].addEventListener('change', run); });
  form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); run(); });
  run();
})();
