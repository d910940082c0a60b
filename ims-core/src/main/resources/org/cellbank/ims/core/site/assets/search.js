// The catalogue search page: reads its state from the URL, asks the public search route, and
// renders the facets (OR within one, AND across) and the sortable result table. No innerHTML:
// every value reaches the page as text.
(function () {
  'use strict';
  var FACETS = ['disease', 'donor_sex', 'donor_age', 'derivation'];
  var COLUMNS = ['name', 'donor_disease', 'cellline_diseases_genes', 'donor_sex', 'donor_age', 'derivation'];
  var main = document.getElementById('main');
  var input = document.getElementById('q');
  if (!main || !input) { return; }
  document.documentElement.className += ' js';
  var api = main.getAttribute('data-search-api');
  var count = document.getElementById('count');
  var tbody = document.querySelector('#results tbody');
  var state = read(window.location.search);
  var timer = null;
  var sequence = 0;

  function read(search) {
    var params = new URLSearchParams(search);
    var s = { q: params.get('q') || '', sort: params.get('sort') || '', facets: {} };
    FACETS.forEach(function (f) { s.facets[f] = params.getAll(f).filter(function (v) { return v !== ''; }); });
    return s;
  }

  function queryString(s) {
    var params = new URLSearchParams();
    if (s.q) { params.set('q', s.q); }
    FACETS.forEach(function (f) { s.facets[f].forEach(function (v) { params.append(f, v); }); });
    if (s.sort) { params.set('sort', s.sort); }
    return params.toString();
  }

  function remember(replace) {
    var qs = queryString(state);
    var url = qs ? '?' + qs : window.location.pathname;
    if (replace) { window.history.replaceState(null, '', url); } else { window.history.pushState(null, '', url); }
  }

  function run() {
    var mine = ++sequence;
    var qs = queryString(state);
    count.textContent = 'Searching\u2026';
    fetch(api + '?' + (qs ? qs + '&' : '') + 'limit=1000', { headers: { Accept: 'application/json' } })
      .then(function (r) {
        if (!r.ok) { return r.json().then(function (e) { throw new Error((e.error && e.error.message) || r.status); }); }
        return r.json();
      })
      .then(function (answer) { if (mine === sequence) { render(answer); } })
      .catch(function (e) { if (mine === sequence) { count.textContent = 'The search failed: ' + e.message; } });
  }

  function render(answer) {
    var focused = document.activeElement;
    var focusKey = focused && focused.getAttribute ? focused.getAttribute('data-key') : null;
    FACETS.forEach(function (f) { renderFacet(f, answer.facets[f] || []); });
    if (focusKey) {
      var again = document.querySelector('input[data-key="' + CSS.escape(focusKey) + '"]');
      if (again) { again.focus(); }
    }
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    answer.objects.forEach(function (hit) {
      var tr = document.createElement('tr');
      COLUMNS.forEach(function (c, i) {
        var td = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) {
          td.setAttribute('scope', 'row');
          var a = document.createElement('a');
          a.href = '/' + encodeURIComponent(hit.name) + '/';
          a.textContent = hit.name;
          td.appendChild(a);
        } else {
          var v = hit[c];
          td.textContent = Array.isArray(v) ? v.join(', ') : (v == null || v === 'null' ? '' : v);
        }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    var total = answer.meta.total_count;
    count.textContent = total === 1 ? '1 cell line found' : total + ' cell lines found'
      + (answer.objects.length < total ? ' (the first ' + answer.objects.length + ' shown)' : '');
    renderSort();
  }

  function renderFacet(facet, counts) {
    var list = document.querySelector('fieldset[data-facet="' + facet + '"] ul');
    var present = counts.map(function (c) { return c.term; });
    // A selected term no longer offered is dropped, as it can no longer narrow anything.
    state.facets[facet] = state.facets[facet].filter(function (v) { return present.indexOf(v) >= 0; });
    while (list.firstChild) { list.removeChild(list.firstChild); }
    counts.forEach(function (c, i) {
      var li = document.createElement('li');
      var box = document.createElement('input');
      box.type = 'checkbox';
      box.id = 'f-' + facet + '-' + i;
      box.value = c.term;
      box.setAttribute('data-key', facet + '\u0000' + c.term);
      box.checked = state.facets[facet].indexOf(c.term) >= 0;
      box.addEventListener('change', function () {
        var selected = state.facets[facet].filter(function (v) { return v !== c.term; });
        if (box.checked) { selected.push(c.term); }
        state.facets[facet] = selected;
        remember(false);
        run();
      });
      var label = document.createElement('label');
      label.htmlFor = box.id;
      label.textContent = c.term + ' (' + c.count + ')';
      li.appendChild(box);
      li.appendChild(label);
      list.appendChild(li);
    });
  }

  function renderSort() {
    document.querySelectorAll('#results thead th').forEach(function (th) {
      var field = th.getAttribute('data-sort');
      if (state.sort === field) { th.setAttribute('aria-sort', 'ascending'); }
      else if (state.sort === '-' + field) { th.setAttribute('aria-sort', 'descending'); }
      else { th.removeAttribute('aria-sort'); }
    });
  }

  document.querySelectorAll('#results thead th').forEach(function (th) {
    th.querySelector('button').addEventListener('click', function () {
      var field = th.getAttribute('data-sort');
      // Ascending, then descending, then back to relevance.
      state.sort = state.sort === field ? '-' + field : state.sort === '-' + field ? '' : field;
      remember(false);
      run();
    });
  });

  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { state.q = input.value; remember(true); run(); }, 150);
  });

  input.form.addEventListener('submit', function (e) {
    e.preventDefault();
    window.clearTimeout(timer);
    state.q = input.value;
    remember(false);
    run();
  });

  window.addEventListener('popstate', function () {
    state = read(window.location.search);
    input.value = state.q;
    run();
  });

  input.value = state.q;
  run();
}());
