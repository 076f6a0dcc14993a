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
  var pagefind = null;
  var latest = 0;
  var shown = [];
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

  function item(data) {
    var li = el('li', { 'class': 'search-result' });
    var h = el('h2', {});
    h.appendChild(el('a', { href: data.url }, data.meta.title || data.url));
    li.appendChild(h);
    if (data.meta.context) li.appendChild(el('p', { 'class': 'meta' }, data.meta.context));
    if (data.excerpt) li.appendChild(excerpt(data.excerpt));
    return li;
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

  function showMore() {
    var next = shown.splice(0, PAGE);
    var ask = latest;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (all) {
      if (ask !== latest) return;
      all.forEach(function (d) { list.appendChild(item(d)); });
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
      var n = found.results.length;
      var what = query ? ' for “' + query + '”' : '';
      shown = found.results.slice();
      // Said once the first results are on the page, so that what is
      // announced is there to read.
      return showMore().then(function () {
        if (ask !== latest) return;
        list.hidden = n === 0;
        status.textContent = n === 0 ? 'No results' + what + '.'
          : n + (n === 1 ? ' result' : ' results') + what + '.';
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
      return pf.options({ baseUrl: '/', excerptLength: 24 }).then(function () { return pf; });
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
