// The staff console: the executive API on the site's own origin, with the staff member's API key
// from this tab's session storage. Hash routes: #/lines?<filters> (the dashboard) and
// #/lines/<name> (a line). Every value reaches the page as text (textContent, DOM nodes), never as markup.
(function () {
  'use strict';
  var STORAGE = 'ims.staff.apiKey';
  // Set when a write answered 403: the key's role only reads, so the write forms are hidden.
  var READ_ONLY = 'ims.staff.readOnly';
  var ADMIN = 'ims.staff.administers';
  var API = '/api/v0/executive';
  var AUDIT_PAGE = 20;
  var FILTERS = ['q', 'status', 'validation', 'found_on_ecacc', 'depositor', 'disease', 'sort', 'limit', 'offset'];
  var COUNTERS = [['registered', 'Registered'], ['validated', 'Validated'], ['at_ecacc', 'At ECACC'],
    ['expand_to_order', 'Expand to order'], ['restricted_distribution', 'Restricted distribution'],
    ['recalled', 'Recalled'], ['withdrawn', 'Withdrawn']];
  var main = document.getElementById('main');
  if (!main || !main.classList.contains('staff')) { return; }
  var sections = ['sign-in', 'dashboard', 'line', 'users'];
  var current = { line: null, etag: null, auditOffset: 0, dashboard: null, user: null };
  var sequence = 0;

  function $(id) { return document.getElementById(id); }

  function apiKey() {
    try { return window.sessionStorage.getItem(STORAGE); } catch (e) { return null; }
  }

  function signOut(reason) {
    window.sessionStorage.removeItem(STORAGE);
    window.sessionStorage.removeItem(READ_ONLY);
    window.sessionStorage.removeItem(ADMIN);
    $('api-key').value = '';
    $('sign-out').hidden = true;
    $('nav-users').hidden = true;
    show('sign-in');
    if (reason) { say(reason, true); } else { say('', false); }
  }

  // An API answer that was not 2xx, with the standard error body's message and fields.
  function ApiError(status, message, fields) {
    this.status = status;
    this.message = message;
    this.fields = fields || [];
  }

  // Calls the API with the key; resolves with {response, body} (body parsed as JSON unless asBlob).
  function call(method, path, options) {
    options = options || {};
    var headers = { 'Authorization': 'ApiKey ' + apiKey() };
    Object.keys(options.headers || {}).forEach(function (h) { headers[h] = options.headers[h]; });
    if (options.json !== undefined) { headers['Content-Type'] = 'application/json'; }
    return window.fetch(path, {
      method: method, headers: headers, credentials: 'omit', cache: 'no-store', redirect: 'error',
      body: options.json !== undefined ? JSON.stringify(options.json) : options.body
    }).then(function (response) {
      if (!response.ok) {
        return response.text().then(function (text) {
          var message = 'The server answered ' + response.status;
          var fields = [];
          try {
            var error = JSON.parse(text).error;
            if (error && error.message) { message = error.message; }
            if (error && error.fields) { fields = error.fields; }
          } catch (e) { /* not the standard body: keep the status */ }
          throw new ApiError(response.status, message, fields);
        });
      }
      if (options.asBlob) {
        return response.blob().then(function (blob) { return { response: response, body: blob }; });
      }
      return response.json().then(function (body) { return { response: response, body: body }; });
    });
  }

  // Shows what went wrong; a refused key signs out.
  function fail(error, doing, write) {
    if (!(error instanceof ApiError)) {
      say('Could not reach the IMS while ' + doing + ': ' + error, true);
    } else if (error.status === 401) {
      signOut('The key was refused: check it, or ask an administrator for a new one.');
    } else if (error.status === 403) {
      var text = 'Your role is too low for ' + doing + ' (' + error.message + ').';
      if (write) {
        window.sessionStorage.setItem(READ_ONLY, '1');
        applyReadOnly();
        text += ' The forms that change data are hidden until you sign in again.';
      }
      say(text, true);
    } else if (error.status === 412) {
      say('Someone changed this line since you opened it; reload it and try again.', true);
    } else {
      var failure = 'Failed ' + doing + ': ' + error.message;
      error.fields.forEach(function (f) { failure += ' [' + f.pointer + ' ' + f.message + ']'; });
      say(failure, true);
    }
  }

  function say(text, problem) {
    var message = $('message');
    message.textContent = text;
    message.hidden = !text;
    message.className = problem ? 'message problem' : 'message';
  }

  function progress(text) { $('progress').textContent = text; }

  function applyReadOnly() {
    var readOnly = window.sessionStorage.getItem(READ_ONLY) === '1';
    $('status-form').hidden = readOnly;
    $('clip-form').hidden = readOnly;
    $('batch-form').hidden = readOnly;
    // A certificate needs a batch to go to.
    var noBatch = !current.line || current.line.batches.length === 0;
    $('coa-form').hidden = readOnly || noBatch;
    $('image-form').hidden = readOnly || noBatch;
    $('read-only').hidden = !readOnly;
  }

  function show(id) {
    sections.forEach(function (s) { $(s).hidden = s !== id; });
  }

  function element(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  function cell(row, value, header) {
    var c = element(header ? 'th' : 'td');
    if (header) { c.scope = 'row'; }
    if (value instanceof Node) { c.appendChild(value); } else { c.textContent = value === null || value === undefined ? '' : String(value); }
    row.appendChild(c);
    return c;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  function yesNo(value) { return value === true ? 'yes' : value === false ? 'no' : ''; }

  function words(code) { return code ? String(code).replace(/_/g, ' ') : ''; }

  function fact(dl, term, value) {
    var div = element('div');
    div.appendChild(element('dt', term));
    div.appendChild(element('dd', value === null || value === undefined ? '' : value));
    dl.appendChild(div);
  }

  function lineLink(name) {
    var a = element('a', name);
    a.href = '#/lines/' + encodeURIComponent(name);
    return a;
  }

  // --- routing --------------------------------------------------------------------------------

  function route() {
    var hash = window.location.hash;
    if (hash && hash.indexOf('#/') !== 0) { return; }  // an in-page anchor such as the skip link
    if (!apiKey()) { show('sign-in'); $('title').textContent = 'Staff console'; return; }
    $('sign-out').hidden = false;
    $('nav-users').hidden = window.sessionStorage.getItem(ADMIN) !== '1';
    var path = hash.substring(1) || '/lines';
    var query = '';
    var q = path.indexOf('?');
    if (q >= 0) { query = path.substring(q + 1); path = path.substring(0, q); }
    if (path === '/users') { openUsers(); return; }
    if (path.indexOf('/lines/') === 0 && path.length > 7) {
      var name;
      try { name = decodeURIComponent(path.substring(7)); } catch (e) { name = null; }
      if (name) { openLine(name); return; }
    }
    openDashboard(new URLSearchParams(query));
  }

  // --- dashboard ------------------------------------------------------------------------------

  function openDashboard(params) {
    var mine = ++sequence;
    show('dashboard');
    $('title').textContent = 'Staff console';
    var form = $('filters');
    FILTERS.forEach(function (f) {
      var input = form.elements[f];
      if (input) { input.value = params.get(f) || (f === 'limit' ? '50' : ''); }
    });
    var api = new URLSearchParams();
    FILTERS.forEach(function (f) { if (params.get(f)) { api.set(f, params.get(f)); } });
    if (!api.get('limit')) { api.set('limit', '50'); }
    progress('Loading the cell lines');
    call('GET', API + '/cell-lines?' + api.toString()).then(function (r) {
      if (mine !== sequence) { return; }
      current.dashboard = { params: api, meta: r.body.meta };
      renderCounters(r.body.counters);
      renderLines(r.body);
      say('', false);
      progress(r.body.meta.total_count + ' cell lines loaded');
    }).catch(function (e) { if (mine === sequence) { fail(e, 'listing the cell lines'); } });
  }

  function renderCounters(counters) {
    var dl = $('counters');
    clear(dl);
    COUNTERS.forEach(function (c) { fact(dl, c[1], counters[c[0]]); });
  }

  function renderLines(body) {
    var tbody = document.querySelector('#lines tbody');
    clear(tbody);
    body.objects.forEach(function (line) {
      var row = element('tr');
      cell(row, lineLink(line.name), true);
      cell(row, (line.alternative_names || []).join(', '));
      cell(row, line.depositor);
      cell(row, words(line.validation_status));
      cell(row, words(line.status));
      cell(row, yesNo(line.available_for_sale));
      cell(row, yesNo(line.found_on_ecacc));
      cell(row, line.batches);
      cell(row, (line.diseases || []).concat(line.line_diseases || []).join(', '));
      tbody.appendChild(row);
    });
    var meta = body.meta;
    var first = meta.total_count === 0 ? 0 : meta.offset + 1;
    var last = meta.offset + body.objects.length;
    $('total').textContent = meta.total_count + (meta.total_count === 1 ? ' cell line matches' : ' cell lines match')
      + (meta.total_count > 0 ? ' (showing ' + first + ' to ' + last + ')' : '');
    $('previous').disabled = !meta.previous;
    $('next').disabled = !meta.next;
  }

  function goToDashboard(params) {
    var clean = new URLSearchParams();
    FILTERS.forEach(function (f) { if (params.get(f)) { clean.set(f, params.get(f)); } });
    if (clean.get('limit') === '50') { clean.delete('limit'); }  // the default: kept out of the address
    if (clean.get('offset') === '0') { clean.delete('offset'); }
    var hash = '#/lines' + (clean.toString() ? '?' + clean.toString() : '');
    if (window.location.hash === hash) { route(); } else { window.location.hash = hash; }
  }

  function page(direction) {
    var d = current.dashboard;
    if (!d) { return; }
    var params = new URLSearchParams(d.params.toString());
    var limit = d.meta.limit;
    params.set('offset', String(Math.max(0, d.meta.offset + direction * limit)));
    goToDashboard(params);
  }

  // --- a line ---------------------------------------------------------------------------------

  function linePath(name) { return API + '/cell-lines/' + encodeURIComponent(name); }

  // Shows a line; notice, if any, is said once it is shown (after a write).
  function openLine(name, notice) {
    var mine = ++sequence;
    show('line');
    $('title').textContent = name;
    progress('Loading ' + name);
    call('GET', linePath(name)).then(function (r) {
      if (mine !== sequence) { return; }
      current.line = r.body;
      current.etag = r.response.headers.get('ETag');
      current.auditOffset = 0;
      renderLine(r.body);
      say(notice || '', false);
      progress(name + ' loaded');
      loadAudit(mine);
    }).catch(function (e) { if (mine === sequence) { fail(e, 'opening ' + name); } });
  }

  function renderLine(line) {
    $('line-title').textContent = line.name + ': ' + (line.status ? words(line.status) : 'no status');
    var dl = $('line-facts');
    clear(dl);
    fact(dl, 'Status', words(line.status));
    fact(dl, 'BioSamples id', line.biosamples_id);
    fact(dl, 'hPSCreg id', line.hpscreg_id);
    fact(dl, 'ECACC catalogue number', line.ecacc_id);
    fact(dl, 'Alternative names', (line.alternative_names || []).join(', '));
    fact(dl, 'Depositor', line.depositor);
    fact(dl, 'Validation', words(line.validation_status));
    fact(dl, 'Available for sale', yesNo(line.available_for_sale));
    fact(dl, 'Found on ECACC', yesNo(line.found_on_ecacc));
    fact(dl, 'Version', line.version);

    var checklist = $('checklist');
    clear(checklist);
    var c = line.checklist || {};
    checklist.appendChild(element('li', 'Validated: ' + yesNo(c.validated) + ' (' + words(c.validation_status) + ')'));
    checklist.appendChild(element('li', 'CLIP present: ' + yesNo(c.clip_present)));
    (c.batches || []).forEach(function (b) {
      checklist.appendChild(element('li', 'Batch ' + b.batch_id + ' certificate of analysis: '
        + yesNo(b.certificate_of_analysis)));
    });

    var batches = document.querySelector('#batches tbody');
    clear(batches);
    line.batches.forEach(function (b) {
      var row = element('tr');
      cell(row, b.batch_id, true);
      cell(row, b.biosamples_id);
      cell(row, words(b.batch_type));
      cell(row, b.vials);
      cell(row, yesNo(b.certificate_of_analysis));
      var button = element('button', 'Vials ' + b.batch_id + ' (CSV)', 'secondary');
      button.type = 'button';
      button.setAttribute('data-download', API + '/batches/' + encodeURIComponent(b.biosamples_id) + '/vials.csv');
      cell(row, button);
      batches.appendChild(row);
    });

    ['coa-batch', 'image-batch'].forEach(function (id) {
      var select = $(id);
      clear(select);
      line.batches.forEach(function (b) {
        var option = element('option', b.batch_id + ' (' + b.biosamples_id + ')');
        option.value = b.biosamples_id;
        select.appendChild(option);
      });
    });

    var clips = document.querySelector('#clips tbody');
    clear(clips);
    (line.information_packs || []).forEach(function (p) {
      var row = element('tr');
      cell(row, p.version, true);
      cell(row, p.md5);
      cell(row, p.updated_at);
      clips.appendChild(row);
    });

    var log = document.querySelector('#status-log tbody');
    clear(log);
    line.status_log.forEach(function (s) {
      var row = element('tr');
      cell(row, words(s.status), true);
      cell(row, s.comment);
      cell(row, s.user);
      cell(row, s.changed_at);
      log.appendChild(row);
    });
    applyReadOnly();
    if (line.status) { $('new-status').value = line.status; }
    $('status-comment').value = '';
    $('clip-form').reset();
  }

  function loadAudit(mine) {
    var line = current.line;
    var params = new URLSearchParams({ entity: 'cell_line', id: line.name, limit: String(AUDIT_PAGE),
      offset: String(current.auditOffset) });
    call('GET', API + '/audit?' + params.toString()).then(function (r) {
      if (mine !== sequence) { return; }
      renderAudit(r.body);
    }).catch(function (e) { if (mine === sequence) { fail(e, 'reading the audit trail'); } });
  }

  function renderAudit(body) {
    var tbody = document.querySelector('#audit tbody');
    clear(tbody);
    if (body.objects.length === 0) {
      var empty = element('tr');
      var c = cell(empty, 'No audit entries yet.');
      c.colSpan = 6;
      tbody.appendChild(empty);
    }
    body.objects.forEach(function (e) {
      var row = element('tr');
      cell(row, e.occurred_at, true);
      cell(row, e.user);
      cell(row, e.role);
      cell(row, e.entity + ' ' + e.entity_id);
      cell(row, words(e.action));
      cell(row, changes(e.changes));
      tbody.appendChild(row);
    });
    $('audit-previous').disabled = !body.meta.previous;
    $('audit-next').disabled = !body.meta.next;
  }

  // {"status": {"before": "a", "after": "b"}, ...} as one line per field.
  function changes(value) {
    var list = element('ul', null, 'changes');
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      Object.keys(value).forEach(function (field) {
        var d = value[field];
        var text = d && typeof d === 'object' && ('before' in d || 'after' in d)
          ? field + ': ' + shown(d.before) + ' \u2192 ' + shown(d.after)
          : field + ': ' + JSON.stringify(d);
        list.appendChild(element('li', text));
      });
    } else if (value !== null && value !== undefined) {
      list.appendChild(element('li', JSON.stringify(value)));
    }
    return list;

    function shown(v) {
      if (v === null || v === undefined) { return '(none)'; }
      if (v === '') { return '(empty)'; }
      return typeof v === 'string' ? v : JSON.stringify(v);
    }
  }

  function changeStatus(event) {
    event.preventDefault();
    var line = current.line;
    if (!line) { return; }
    var body = { status: $('new-status').value };
    var comment = $('status-comment').value.trim();
    if (comment) { body.comment = comment; }
    var button = event.target.querySelector('button[type=submit]');
    button.disabled = true;
    progress('Changing the status of ' + line.name);
    call('POST', linePath(line.name) + '/status', {
      json: body,
      headers: { 'If-Match': current.etag || '"' + line.version + '"', 'Idempotency-Key': window.crypto.randomUUID() }
    }).then(function () {
      openLine(line.name, 'The status of ' + line.name + ' is now ' + words(body.status) + '.');
    }).catch(function (e) { fail(e, 'changing the status of ' + line.name, true); })
      .then(function () { button.disabled = false; });
  }

  function uploadClip(event) {
    event.preventDefault();
    var line = current.line;
    var file = $('clip-file').files[0];
    if (!line || !file) { return; }
    var form = new FormData();
    form.append('version', $('clip-version').value.trim());
    form.append('file', file, file.name);
    var button = event.target.querySelector('button[type=submit]');
    button.disabled = true;
    progress('Uploading the CLIP of ' + line.name);
    call('POST', linePath(line.name) + '/clips', {
      body: form, headers: { 'Idempotency-Key': window.crypto.randomUUID() }
    }).then(function (r) {
      openLine(line.name, 'CLIP ' + r.body.information_pack.version + ' of ' + line.name + ' stored.');
    }).catch(function (e) { fail(e, 'uploading the CLIP of ' + line.name, true); })
      .then(function () { button.disabled = false; });
  }

  function createBatch(event) {
    event.preventDefault();
    var line = current.line;
    if (!line) { return; }
    var body = {
      batch_id: $('batch-id').value.trim(), batch_type: $('batch-type').value, vials: Number($('batch-vials').value)
    };
    var derived = $('batch-derived').value.trim();
    if (derived) { body.derived_from = derived; }
    var button = event.target.querySelector('button[type=submit]');
    button.disabled = true;
    progress('Creating batch ' + body.batch_id + ' of ' + line.name);
    call('POST', linePath(line.name) + '/batches', {
      json: body, headers: { 'Idempotency-Key': window.crypto.randomUUID() }
    }).then(function () {
      event.target.reset();
      openLine(line.name, 'Batch ' + body.batch_id + ' of ' + line.name + ' created with ' + body.vials + ' vials.');
    }).catch(function (e) { fail(e, 'creating batch ' + body.batch_id + ' of ' + line.name, true); })
      .then(function () { button.disabled = false; });
  }

  // The certificate replaces the batch's under If-Match: the batch's ETag is read just before.
  function uploadCertificate(event) {
    event.preventDefault();
    var line = current.line;
    var key = $('coa-batch').value;
    var file = $('coa-file').files[0];
    if (!line || !key || !file) { return; }
    var batch = line.batches.filter(function (b) { return b.biosamples_id === key; })[0];
    var label = 'batch ' + (batch ? batch.batch_id : key) + ' of ' + line.name;
    var path = API + '/batches/' + encodeURIComponent(key);
    var button = event.target.querySelector('button[type=submit]');
    button.disabled = true;
    progress('Uploading the certificate of analysis of ' + label);
    call('GET', path).then(function (r) {
      var form = new FormData();
      form.append('file', file, file.name);
      return call('PUT', path + '/certificate-of-analysis', {
        body: form, headers: { 'If-Match': r.response.headers.get('ETag') }
      });
    }).then(function () {
      event.target.reset();
      openLine(line.name, 'Certificate of analysis of ' + label + ' stored.');
    }).catch(function (e) { fail(e, 'uploading the certificate of analysis of ' + label, true); })
      .then(function () { button.disabled = false; });
  }

  function addImage(event) {
    event.preventDefault();
    var line = current.line;
    var key = $('image-batch').value;
    var file = $('image-file').files[0];
    if (!line || !key || !file) { return; }
    var batch = line.batches.filter(function (b) { return b.biosamples_id === key; })[0];
    var label = 'batch ' + (batch ? batch.batch_id : key) + ' of ' + line.name;
    var form = new FormData();
    form.append('file', file, file.name);
    ['magnification', 'time-point'].forEach(function (field) {
      var value = $('image-' + field).value.trim();
      if (value) { form.append(field.replace('-', '_'), value); }
    });
    var button = event.target.querySelector('button[type=submit]');
    button.disabled = true;
    progress('Adding an image to ' + label);
    call('POST', API + '/batches/' + encodeURIComponent(key) + '/images', {
      body: form, headers: { 'Idempotency-Key': window.crypto.randomUUID() }
    }).then(function (r) {
      event.target.reset();
      openLine(line.name, 'Image ' + r.body.image.number + ' of ' + label + ' stored.');
    }).catch(function (e) { fail(e, 'adding an image to ' + label, true); })
      .then(function () { button.disabled = false; });
  }

  // --- users and keys (administrators) --------------------------------------------------------

  function userPath(username) { return API + '/users/' + encodeURIComponent(username); }

  function openUsers(notice) {
    var mine = ++sequence;
    show('users');
    $('title').textContent = 'Users and keys';
    progress('Loading the users');
    call('GET', API + '/users').then(function (r) {
      if (mine !== sequence) { return; }
      var body = document.querySelector('#user-list tbody');
      clear(body);
      r.body.objects.forEach(function (u) {
        var row = element('tr');
        cell(row, u.username, true);
        cell(row, words(u.role));
        cell(row, yesNo(u.active));
        cell(row, u.valid_keys);
        var button = element('button', 'Keys of ' + u.username, 'secondary');
        button.type = 'button';
        button.setAttribute('data-user', u.username);
        cell(row, button);
        body.appendChild(row);
      });
      say(notice || '', false);
      progress('Users loaded');
      if (current.user) { openKeys(current.user); }
    }).catch(function (e) { if (mine === sequence) { fail(e, 'listing the users'); } });
  }

  function openKeys(username) {
    current.user = username;
    $('user-keys').hidden = false;
    $('user-keys-title').textContent = 'Keys of ' + username;
    call('GET', userPath(username) + '/keys').then(function (r) {
      if (current.user !== username) { return; }
      var body = document.querySelector('#key-list tbody');
      clear(body);
      r.body.objects.forEach(function (k) {
        var row = element('tr');
        cell(row, k.id, true);
        cell(row, k.prefix);
        cell(row, k.created_at);
        cell(row, k.last_used_at || 'never');
        cell(row, k.revoked ? k.revoked_at : 'no');
        if (k.revoked) {
          cell(row, '');
        } else {
          var button = element('button', 'Revoke key ' + k.id, 'secondary');
          button.type = 'button';
          button.setAttribute('data-revoke', String(k.id));
          cell(row, button);
        }
        body.appendChild(row);
      });
    }).catch(function (e) { fail(e, 'listing the keys of ' + username); });
  }

  function addUser(event) {
    event.preventDefault();
    var body = { username: $('user-name').value.trim(), role: $('user-role').value };
    call('POST', API + '/users', { json: body }).then(function () {
      event.target.reset();
      current.user = body.username;
      $('new-key').hidden = true;
      openUsers('User ' + body.username + ' added as ' + words(body.role) + '.');
    }).catch(function (e) { fail(e, 'adding user ' + body.username, true); });
  }

  function issueKey() {
    var username = current.user;
    if (!username) { return; }
    call('POST', userPath(username) + '/keys').then(function (r) {
      var shown = $('new-key');
      shown.textContent = 'New key of ' + username + ', shown only now: ' + username + ':' + r.body.key;
      shown.hidden = false;
      openUsers('Key ' + r.body.id + ' issued to ' + username + '.');
    }).catch(function (e) { fail(e, 'issuing a key to ' + username, true); });
  }

  function revokeKey(id) {
    var username = current.user;
    call('DELETE', userPath(username) + '/keys/' + encodeURIComponent(id)).then(function () {
      $('new-key').hidden = true;
      openUsers('Key ' + id + ' of ' + username + ' revoked.');
    }).catch(function (e) { fail(e, 'revoking key ' + id + ' of ' + username, true); });
  }

  // --- downloads ------------------------------------------------------------------------------

  function download(path) {
    progress('Downloading');
    call('GET', path, { asBlob: true }).then(function (r) {
      var disposition = r.response.headers.get('Content-Disposition') || '';
      var match = /filename="?([^";]+)"?/.exec(disposition);
      var name = match ? match[1] : path.substring(path.lastIndexOf('/') + 1);
      var url = URL.createObjectURL(r.body);
      var a = element('a');
      a.href = url;
      a.download = name;
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      say('Downloaded ' + name + ' (' + r.body.size + ' bytes).', false);
    }).catch(function (e) { fail(e, 'downloading ' + path.substring(path.lastIndexOf('/') + 1)); });
  }

  // --- wiring ---------------------------------------------------------------------------------

  $('sign-in-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var key = $('api-key').value.trim();
    if (key.indexOf(':') < 1 || key.indexOf(':') === key.length - 1) {
      say('The key has the form username:key.', true);
      return;
    }
    window.sessionStorage.setItem(STORAGE, key);
    window.sessionStorage.removeItem(READ_ONLY);
    $('api-key').value = '';
    say('', false);
    // Who the key is decides which forms are offered; every route still checks the role itself.
    call('GET', '/api/v0/executive/me').then(function (r) {
      if (r.body.role === 'partner') {
        signOut('This key\'s role (partner) is too low for the console: sign in with a staff key.');
        return;
      }
      if (!r.body.writes) {
        window.sessionStorage.setItem(READ_ONLY, '1');
      }
      if (r.body.administers) {
        window.sessionStorage.setItem(ADMIN, '1');
      }
      if (!window.location.hash || window.location.hash.indexOf('#/') !== 0) {
        window.location.hash = '#/lines';
      } else {
        route();
      }
    }).catch(function (e) { fail(e, 'signing in'); });
  });
  $('sign-out').addEventListener('click', function () {
    signOut('');
    sequence++;
    say('Signed out; the key is forgotten.', false);
  });
  $('filters').addEventListener('submit', function (event) {
    event.preventDefault();
    var params = new URLSearchParams();
    FILTERS.forEach(function (f) {
      var input = event.target.elements[f];
      if (input && input.value.trim()) { params.set(f, input.value.trim()); }
    });
    goToDashboard(params);
  });
  $('f-reset').addEventListener('click', function () { goToDashboard(new URLSearchParams()); });
  $('previous').addEventListener('click', function () { page(-1); });
  $('next').addEventListener('click', function () { page(1); });
  $('audit-previous').addEventListener('click', function () {
    current.auditOffset = Math.max(0, current.auditOffset - AUDIT_PAGE);
    loadAudit(sequence);
  });
  $('audit-next').addEventListener('click', function () {
    current.auditOffset += AUDIT_PAGE;
    loadAudit(sequence);
  });
  $('status-form').addEventListener('submit', changeStatus);
  $('clip-form').addEventListener('submit', uploadClip);
  $('batch-form').addEventListener('submit', createBatch);
  $('coa-form').addEventListener('submit', uploadCertificate);
  $('image-form').addEventListener('submit', addImage);
  main.addEventListener('click', function (event) {
    var target = event.target.closest('[data-download]');
    if (target) { download(target.getAttribute('data-download')); }
    var user = event.target.closest('[data-user]');
    if (user) { $('new-key').hidden = true; openKeys(user.getAttribute('data-user')); }
    var revoke = event.target.closest('[data-revoke]');
    if (revoke) { revokeKey(revoke.getAttribute('data-revoke')); }
  });
  $('user-form').addEventListener('submit', addUser);
  $('issue-key').addEventListener('click', issueKey);
  window.addEventListener('hashchange', route);
  route();
}());
