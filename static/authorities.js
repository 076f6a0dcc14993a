// Filters and sorts the authorities table in place. Without JavaScript the
// table is complete and the region and rating pages do the same job.
(function () {
  'use strict';
  var table = document.getElementById('authorities-table');
  var host = document.getElementById('list-controls');
  if (!table || !host) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);

  var el = window.el; // from dom.js
  function distinct(attr) {
    var seen = [];
    rows.forEach(function (r) {
      var v = r.getAttribute(attr);
      if (seen.indexOf(v) < 0) seen.push(v);
    });
    return seen;
  }
  function select(id, label, options) {
    var wrap = el('div', { 'class': 'control' });
    wrap.appendChild(el('label', { 'for': id }, label));
    var s = el('select', { id: id });
    options.forEach(function (o) { s.appendChild(el('option', { value: o[0] }, o[1])); });
    wrap.appendChild(s);
    return [wrap, s];
  }

  var regions = distinct('data-region').sort();
  // Ratings in their order (best first), labelled as the table shows them.
  var ratings = {};
  rows.forEach(function (r) {
    var key = r.getAttribute('data-rating');
    if (!ratings[key]) {
      var label = r.cells[1].querySelector('.grade, .ungraded');
      ratings[key] = { order: +r.getAttribute('data-order'), label: label ? label.textContent : key };
    }
  });
  var ratingKeys = Object.keys(ratings).sort(function (a, b) { return ratings[a].order - ratings[b].order; });

  var form = el('form', { 'class': 'list-filters', 'aria-label': 'Filter and sort the authorities' });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  var region = select('filter-region', 'Region', [['', 'All regions']].concat(regions.map(function (r) { return [r, r]; })));
  var rating = select('filter-rating', 'Current rating', [['', 'All ratings']].concat(ratingKeys.map(function (k) { return [k, ratings[k].label]; })));
  var sort = select('sort-by', 'Sort by', [['name', 'Name'], ['region', 'Region'], ['best', 'Rating, best first'], ['worst', 'Rating, worst first'], ['since', 'Most recently rated']]);
  [region[0], rating[0], sort[0]].forEach(function (w) { form.appendChild(w); });
  var status = el('p', { 'class': 'list-status', role: 'status', 'aria-live': 'polite' });
  host.appendChild(form);
  host.appendChild(status);

  // The page lists rows by name already: that order is kept for "Name".
  var position = new Map(rows.map(function (r, i) { return [r, i]; }));
  function compare(key) {
    var by = {
      name: function (a, b) { return position.get(a) - position.get(b); },
      region: function (a, b) { return a.getAttribute('data-region').localeCompare(b.getAttribute('data-region')) || by.name(a, b); },
      best: function (a, b) { return (+a.getAttribute('data-order')) - (+b.getAttribute('data-order')) || by.name(a, b); },
      worst: function (a, b) { return (+b.getAttribute('data-order')) - (+a.getAttribute('data-order')) || by.name(a, b); },
      since: function (a, b) { return b.getAttribute('data-since').localeCompare(a.getAttribute('data-since')) || by.name(a, b); }
    };
    return by[key] || by.name;
  }
  function update() {
    var r = region[1].value, g = rating[1].value, shown = 0;
    rows.slice().sort(compare(sort[1].value)).forEach(function (row) {
      var show = (!r || row.getAttribute('data-region') === r) && (!g || row.getAttribute('data-rating') === g);
      row.hidden = !show;
      if (show) shown++;
      body.appendChild(row);
    });
    status.textContent = 'Showing ' + shown + ' of ' + rows.length + ' authorities.';
  }
  [region[1], rating[1], sort[1]].forEach(function (s) { s.addEventListener('change', update); });
  update();
})();
