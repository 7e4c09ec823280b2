// The web counter (/staff/, issue 16): what the native counter does, in a browser. Plain script, no
// framework, no build step. Runs under a strict CSP (script-src 'self'): no inline code, no eval, no
// markup from data (text only, through textContent).
//
// The session lives in an HttpOnly cookie the script never sees; the CSRF token the service hands out
// at login stays in sessionStorage (needed after a reload) and goes out only in the X-CSRF-Token header.
// localStorage holds only the desk number and its topics: never a name, never a token.
'use strict';

(function () {
  const CSRF_KEY = 'wijkkiosk.counter.csrf';
  const LAST_LOCATION_KEY = 'wijkkiosk.counter.location';
  const prefsKey = (location) => 'wijkkiosk.counter.prefs.' + location;
  const LONG_POLL_S = 25;
  const MAX_BACKOFF_MS = 10000;
  const REPRINT_POLLS = 20;
  const REPRINT_EVERY_MS = 2000;
  const MAX_REPORT_DAYS = 400; // the service's limit

  const AVAILABILITY = { mornings: 'Ochtenden', afternoons: 'Middagen', evenings: 'Avonden', weekends: 'Weekenden' };
  // The service's error codes a person meets at the counter, in Dutch; anything else shows the
  // service's own sentence.
  const ERRORS = {
    no_such_ticket: 'Dit nummer bestaat niet (meer) op deze locatie.',
    bad_transition: 'Dit nummer is aan een andere balie veranderd.',
    unknown_topic: 'Dit onderwerp bestaat niet op deze locatie.',
    no_such_job: 'Deze printopdracht bestaat niet (meer).',
    no_such_volunteer: 'Deze aanmelding is al afgehandeld of vergeten aan een andere balie.',
    forbidden: 'Dat mag deze sessie niet.',
    csrf_failed: 'De beveiligingscode van deze sessie klopte niet. Probeer het opnieuw.',
  };

  const $ = (id) => document.getElementById(id);

  // ---- state ----
  const S = {
    csrf: null,
    location: '',
    user: '',
    config: null,
    topicIds: [],
    queue: null,
    version: null,
    desk: 1,
    myTopics: new Set(),
    current: null, // the ticket the last call to this desk returned, until it is finished
    busy: false,
    tab: 'queue',
    pollGen: 0,
    pollAbort: null,
    offline: false,
    firstQueue: true,
    reprintGen: 0,
    reportShown: false,
  };

  class SessionGone extends Error {}
  class Unreachable extends Error {}

  // ---- small helpers ----
  function el(tag, opts, children) {
    const e = document.createElement(tag);
    if (opts) {
      if (opts.text !== undefined) e.textContent = opts.text;
      if (opts.cls) e.className = opts.cls;
      if (opts.attrs) for (const [k, v] of Object.entries(opts.attrs)) e.setAttribute(k, v);
    }
    for (const c of children || []) e.append(c);
    return e;
  }
  function setStatus(text) {
    $('status').textContent = text || '';
  }
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const minutes = (s) => Math.ceil((Number(s) || 0) / 60) + ' min';

  function topicName(id) {
    const t = S.config && Array.isArray(S.config.topics) ? S.config.topics.find((x) => x.id === id) : null;
    if (!t || !t.names) return id;
    const first = S.config.languages && S.config.languages[0];
    return t.names.nl || (first && t.names[first]) || id;
  }
  function interestName(id) {
    const list = S.config && Array.isArray(S.config.interests) ? S.config.interests : [];
    const i = list.find((x) => x.id === id);
    return (i && i.names && (i.names.nl || Object.values(i.names)[0])) || id;
  }
  // "s12", "S 12", "s-012" -> "S-012", as the native counter does; anything else as typed.
  function normaliseCode(typed) {
    const compact = typed.replace(/[\s-]/g, '');
    const m = /^([A-Za-z]+)(\d+)$/.exec(compact);
    if (!m) return typed.trim();
    let digits = m[2].replace(/^0+(?=\d)/, '');
    while (digits.length < 3) digits = '0' + digits;
    return m[1].toUpperCase() + '-' + digits;
  }
  function codeLabel(t) {
    return t.code_shared && t.issued_time ? t.code + ' (' + t.issued_time + ')' : t.code;
  }
  function errorText(status, body) {
    const e = body && body.error;
    if (e && ERRORS[e.code]) return ERRORS[e.code];
    if (e && e.message) return e.message;
    if (status >= 500) return 'De wachtrijdienst had een storing (' + status + '). Probeer het zo opnieuw.';
    return 'De dienst weigerde dit (' + status + '). Probeer opnieuw of vraag IT.';
  }

  // ---- the service ----
  // Every call but login: a 401 ends the session here (back to the login form); a network failure
  // throws Unreachable. Answers {status, body, headers}.
  async function api(method, path, body, opts) {
    const o = opts || {};
    const init = { method, credentials: 'same-origin', cache: 'no-store', headers: {} };
    if (o.signal) init.signal = o.signal;
    if (method !== 'GET') {
      if (S.csrf) init.headers['X-CSRF-Token'] = S.csrf;
      if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
    }
    let res;
    try {
      res = await fetch(path, init);
    } catch (e) {
      if (e && e.name === 'AbortError') throw e;
      throw new Unreachable();
    }
    let data = null;
    const type = res.headers.get('Content-Type') || '';
    if (res.status !== 204 && type.includes('json')) data = await res.json().catch(() => null);
    if (res.status === 401 && !o.allow401) {
      sessionExpired();
      throw new SessionGone();
    }
    if (res.status === 403 && data && data.error && data.error.code === 'csrf_failed') refreshCsrf();
    return { status: res.status, body: data, headers: res.headers };
  }

  // The CSRF token again from the session (after sessionStorage was lost, say).
  async function refreshCsrf() {
    try {
      const r = await api('GET', '/v1/session', undefined, { allow401: true });
      if (r.status === 200 && r.body && r.body.csrf) setCsrf(r.body.csrf);
    } catch (e) {
      /* the next action tells */
    }
  }
  function setCsrf(token) {
    S.csrf = token;
    try {
      if (token) sessionStorage.setItem(CSRF_KEY, token);
      else sessionStorage.removeItem(CSRF_KEY);
    } catch (e) {
      /* private mode: kept in memory only */
    }
  }

  // ---- views ----
  function showLogin(message) {
    $('app-view').hidden = true;
    $('logout').hidden = true;
    $('who').hidden = true;
    $('conn').hidden = true;
    $('login-view').hidden = false;
    $('login-msg').textContent = message || '';
    $('login-submit').disabled = false;
    $('login-password').value = '';
    const loc = $('login-location');
    if (!loc.value) {
      try {
        loc.value = localStorage.getItem(LAST_LOCATION_KEY) || '';
      } catch (e) {
        /* none */
      }
    }
    if (S.user && !$('login-user').value) $('login-user').value = S.user;
    (loc.value ? ($('login-user').value ? $('login-password') : $('login-user')) : loc).focus();
  }

  function stopPolling() {
    S.pollGen++;
    if (S.pollAbort) S.pollAbort.abort();
    S.pollAbort = null;
    S.reprintGen++;
  }

  function sessionExpired() {
    if (!$('login-view').hidden) return;
    stopPolling();
    setCsrf(null);
    S.current = null;
    setStatus('');
    showLogin('Je sessie is verlopen. Log opnieuw in.');
  }

  async function enterApp(info) {
    S.location = info.location || S.location;
    S.user = info.user || S.user;
    if (info.csrf) setCsrf(info.csrf);
    try {
      localStorage.setItem(LAST_LOCATION_KEY, S.location);
    } catch (e) {
      /* none */
    }
    loadPrefs();
    S.queue = null;
    S.version = null;
    S.current = null;
    S.firstQueue = true;
    S.offline = false;
    S.reportShown = false;
    $('who').textContent = S.user + ' · ' + S.location;
    $('who').hidden = false;
    $('logout').hidden = false;
    $('login-view').hidden = true;
    $('app-view').hidden = false;
    $('desk').value = String(S.desk);
    $('desk-label').textContent = String(S.desk);
    renderCurrent();
    selectTab('queue', false);
    await loadConfig();
    pollLoop(++S.pollGen);
    $('btn-next').focus();
  }

  async function loadConfig() {
    try {
      const r = await api('GET', '/v1/config');
      if (r.status === 200 && r.body && Array.isArray(r.body.topics)) {
        S.config = r.body;
        S.topicIds = r.body.topics.map((t) => t.id);
        renderTopicPicker();
        if (S.queue) renderQueue();
      } else if (r.status !== 200) {
        setStatus(errorText(r.status, r.body));
      }
    } catch (e) {
      if (e instanceof SessionGone) return;
      /* offline: the poll loop shows it, and loads the config once it is back */
    }
  }

  // ---- preferences: desk and topics, per location ----
  function loadPrefs() {
    S.desk = 1;
    S.myTopics = new Set();
    try {
      const p = JSON.parse(localStorage.getItem(prefsKey(S.location)) || 'null');
      if (p && Number.isInteger(p.desk) && p.desk >= 1 && p.desk <= 99) S.desk = p.desk;
      if (p && Array.isArray(p.topics)) S.myTopics = new Set(p.topics.filter((t) => typeof t === 'string'));
    } catch (e) {
      /* none or broken: the defaults */
    }
  }
  function savePrefs() {
    try {
      localStorage.setItem(prefsKey(S.location), JSON.stringify({ desk: S.desk, topics: [...S.myTopics] }));
    } catch (e) {
      /* not kept */
    }
  }

  function renderTopicPicker() {
    const box = $('my-topics');
    const legend = box.querySelector('legend');
    box.replaceChildren(legend);
    for (const id of S.topicIds) {
      const input = el('input', { attrs: { type: 'checkbox', id: 'topic-' + id, value: id } });
      input.checked = S.myTopics.has(id);
      input.addEventListener('change', () => {
        if (input.checked) S.myTopics.add(id);
        else S.myTopics.delete(id);
        savePrefs();
        if (S.queue) renderQueue();
      });
      box.append(el('label', { attrs: { for: 'topic-' + id } }, [input, document.createTextNode(topicName(id))]));
    }
    renderTransferChoices();
  }

  function renderTransferChoices() {
    const sel = $('transfer-topic');
    const keep = sel.value;
    sel.replaceChildren();
    for (const id of S.topicIds) {
      if (S.current && S.current.topic === id) continue;
      sel.append(el('option', { text: topicName(id), attrs: { value: id } }));
    }
    if ([...sel.options].some((o) => o.value === keep)) sel.value = keep;
  }

  // ---- the live queue ----
  async function pollLoop(gen) {
    let backoff = 0;
    while (gen === S.pollGen) {
      const abort = new AbortController();
      S.pollAbort = abort;
      const path = S.version
        ? '/v1/queue?since=' + encodeURIComponent(S.version) + '&wait=' + LONG_POLL_S
        : '/v1/queue';
      let failed = false;
      try {
        const r = await api('GET', path, undefined, { signal: abort.signal });
        if (gen !== S.pollGen) return;
        if (r.status === 200 && r.body) {
          const changed = !S.queue || r.body.version === undefined || r.body.version !== S.version;
          S.version = r.body.version === undefined ? null : String(r.body.version);
          if (S.offline) backOnline();
          backoff = 0;
          if (changed) onQueue(r.body);
          if (!S.config) loadConfig();
          // A service without versions does not hold the request: ask again in a while, not at once.
          if (S.version === null) await sleep(3000);
        } else if (r.status >= 500) {
          failed = true;
        } else {
          setStatus(errorText(r.status, r.body));
          await sleep(5000);
        }
      } catch (e) {
        if (e instanceof SessionGone || (e && e.name === 'AbortError') || gen !== S.pollGen) return;
        failed = true;
      }
      if (failed) {
        goneOffline();
        backoff = backoff === 0 ? 1000 : Math.min(backoff * 2, MAX_BACKOFF_MS);
        await sleep(backoff);
      }
    }
  }

  function goneOffline() {
    if (S.offline) return;
    S.offline = true;
    const b = $('conn');
    b.textContent = 'Verbinding met de server verbroken — we proberen het opnieuw';
    b.hidden = false;
  }
  function backOnline() {
    S.offline = false;
    $('conn').hidden = true;
    $('conn').textContent = '';
    setStatus('Weer verbonden.');
  }

  function onQueue(q) {
    const dayChanged = S.queue && q.day && S.queue.day && q.day !== S.queue.day;
    S.queue = q;
    // At load: the ticket this desk called last and did not finish, if the queue still shows it.
    if (S.firstQueue) {
      S.firstQueue = false;
      if (!S.current && Array.isArray(q.called)) {
        const mine = q.called.filter((c) => c.desk === S.desk);
        mine.sort((a, b) => String(a.called_at).localeCompare(String(b.called_at)));
        if (mine.length) S.current = Object.assign({ status: 'called' }, mine[mine.length - 1]);
        renderCurrent();
      }
    }
    if (dayChanged && S.current && S.current.local_day && S.current.local_day < q.day) {
      S.current = null;
      renderCurrent();
      setStatus('De dag is voorbij: het nummer aan deze balie is gesloten.');
    }
    renderQueue();
    if (S.tab === 'volunteers') loadVolunteers(false);
  }

  function renderQueue() {
    const q = S.queue;
    if (!q) return;
    const load = $('load-table').tBodies[0];
    const rows = [];
    const perTopic = Array.isArray(q.topics) ? q.topics : [];
    for (const t of perTopic) {
      rows.push(
        el('tr', { attrs: { 'data-topic': t.topic } }, [
          el('th', { text: topicName(t.topic), attrs: { scope: 'row' } }),
          el('td', { text: String(t.waiting) }),
          el('td', { text: minutes(t.longest_wait_s) }),
          el('td', { text: minutes(t.estimated_wait_s) }),
        ]),
      );
    }
    load.replaceChildren(...rows);

    const waiting = Array.isArray(q.waiting) ? q.waiting : [];
    const wrows = waiting.map((t) => {
      const tr = el('tr', { attrs: { 'data-id': t.id, 'data-code': t.code } }, [
        el('td', { text: codeLabel(t), cls: 'code' }),
        el('td', { text: topicName(t.topic) }),
        el('td', { text: t.issued_time || timeOf(t.created_at) }),
      ]);
      if (S.myTopics.size === 0 || S.myTopics.has(t.topic)) tr.className = 'mine';
      return tr;
    });
    $('waiting-table').tBodies[0].replaceChildren(...wrows);
    $('waiting-table').hidden = wrows.length === 0;
    $('waiting-empty').hidden = wrows.length !== 0;
    $('waiting-count').textContent = '(' + wrows.length + ')';

    const called = Array.isArray(q.called) ? q.called : [];
    const crows = called.map((t) => {
      const tr = el('tr', { attrs: { 'data-id': t.id, 'data-code': t.code } }, [
        el('td', { text: codeLabel(t), cls: 'code' }),
        el('td', { text: t.desk === null || t.desk === undefined ? '–' : String(t.desk) }),
        el('td', { text: topicName(t.topic) }),
      ]);
      if (t.desk === S.desk) tr.className = 'mine';
      return tr;
    });
    $('called-table').tBodies[0].replaceChildren(...crows);
    $('called-table').hidden = crows.length === 0;
    $('called-empty').hidden = crows.length !== 0;
  }

  function timeOf(rfc3339) {
    const d = new Date(rfc3339);
    if (Number.isNaN(d.getTime())) return '';
    return d.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit' });
  }

  // ---- my desk ----
  function renderCurrent() {
    const t = S.current;
    $('current-none').hidden = !!t;
    $('current-some').hidden = !t;
    $('current-code').textContent = t ? codeLabel(t) : '';
    $('current-topic').textContent = t ? topicName(t.topic) : '';
    const has = !!t && !S.busy;
    for (const id of ['btn-recall', 'btn-served', 'btn-noshow', 'btn-reprint', 'btn-transfer']) $(id).disabled = !has;
    $('btn-next').disabled = S.busy;
    $('btn-call').disabled = S.busy;
    renderTransferChoices();
  }

  function deskOk() {
    const n = Number($('desk').value);
    if (!Number.isInteger(n) || n < 1 || n > 99) {
      setStatus('Het balienummer is een getal van 1 tot 99.');
      $('desk').focus();
      return false;
    }
    return true;
  }

  // Runs one action with the buttons held (a second press must not call twice).
  async function act(fn) {
    if (S.busy) return;
    S.busy = true;
    renderCurrent();
    try {
      await fn();
    } catch (e) {
      if (e instanceof SessionGone) return;
      if (e instanceof Unreachable) setStatus('De wachtrijdienst is niet bereikbaar. Probeer het zo opnieuw.');
      else setStatus('Er ging iets mis. Probeer het opnieuw.');
    } finally {
      S.busy = false;
      renderCurrent();
    }
  }

  function finishFirst() {
    if (S.current) {
      setStatus('Rond eerst het huidige nummer af: geholpen, niet gekomen of doorsturen.');
      return true;
    }
    return false;
  }

  function called(ticket) {
    S.current = ticket;
    S.reprintGen++;
    $('reprint-status').textContent = '';
    setStatus(ticket.code + ' is geroepen naar balie ' + S.desk + '.');
  }

  function callNext() {
    if (!deskOk() || finishFirst()) return;
    act(async () => {
      const r = await api('POST', '/v1/desks/' + S.desk + '/next', { topics: [...S.myTopics] });
      if (r.status === 200 && r.body) called(r.body);
      else if (r.status === 204) setStatus('Niemand wacht voor deze onderwerpen.');
      else setStatus(errorText(r.status, r.body));
    });
  }

  function callCode() {
    const code = normaliseCode($('call-code').value);
    if (!code) {
      setStatus('Typ de code van het nummer van de bewoner.');
      $('call-code').focus();
      return;
    }
    if (!deskOk() || finishFirst()) return;
    act(async () => {
      const r = await api('POST', '/v1/desks/' + S.desk + '/call', { code });
      if (r.status === 200 && r.body) {
        called(r.body);
        $('call-code').value = '';
      } else if (r.status === 404) {
        setStatus('Geen wachtend nummer heeft die code (' + code + ').');
      } else {
        setStatus(errorText(r.status, r.body));
      }
    });
  }

  // recall | served | no-show | transfer on the ticket at this desk.
  function step(what, body) {
    const t = S.current;
    if (!t) {
      setStatus('Nog niemand aan deze balie.');
      return;
    }
    act(async () => {
      const r = await api('POST', '/v1/tickets/' + encodeURIComponent(t.id) + '/' + what, body);
      if (r.status === 200) {
        if (what === 'recall') {
          S.current = Object.assign({}, t, r.body || {});
          setStatus(t.code + ' is opnieuw geroepen.');
        } else {
          S.current = null;
          S.reprintGen++;
          if (what === 'served') setStatus(t.code + ': geholpen.');
          else if (what === 'no-show') setStatus(t.code + ': niet gekomen.');
          else setStatus(t.code + ' is doorgestuurd naar ' + topicName(body.topic) + '.');
        }
      } else {
        if (r.status === 409 || r.status === 404) S.current = null;
        setStatus(errorText(r.status, r.body));
      }
    });
  }

  const REPRINT_WORDS = {
    pending: (c) => 'De kiosk wordt gevraagd ' + c + ' opnieuw te printen…',
    printing: (c) => 'De kiosk print ' + c + '…',
    printed: (c) => c + ' is geprint bij de kiosk.',
    paper_out: (c) => 'De printer van de kiosk heeft geen papier: ' + c + ' is niet geprint.',
    cover_open: (c) => 'De printer van de kiosk staat open: ' + c + ' is niet geprint.',
    offline: (c) => 'De printer van de kiosk reageert niet: ' + c + ' is niet geprint.',
    no_printer: (c) => 'Deze kiosk heeft geen printer: ' + c + ' is niet geprint.',
    failed: (c) => 'De kiosk kon ' + c + ' niet printen.',
    expired: (c) => 'De kiosk heeft ' + c + ' niet opgehaald om te printen. Staat de kiosk aan?',
  };
  const reprintWords = (status, code) => (REPRINT_WORDS[status] || REPRINT_WORDS.pending)(code);

  function reprint() {
    const t = S.current;
    if (!t) {
      setStatus('Nog niemand aan deze balie.');
      return;
    }
    const line = $('reprint-status');
    act(async () => {
      const gen = ++S.reprintGen;
      line.textContent = reprintWords('pending', t.code);
      const r = await api('POST', '/v1/tickets/' + encodeURIComponent(t.id) + '/reprint');
      if ((r.status !== 200 && r.status !== 202) || !r.body) {
        line.textContent = '';
        setStatus(errorText(r.status, r.body));
        return;
      }
      line.textContent = reprintWords(r.body.status, t.code);
      followReprint(gen, r.body.id, t.code, r.body.status);
    });
  }

  async function followReprint(gen, jobId, code, status) {
    const line = $('reprint-status');
    for (let i = 0; i < REPRINT_POLLS && (status === 'pending' || status === 'printing'); i++) {
      await sleep(REPRINT_EVERY_MS);
      if (gen !== S.reprintGen) return;
      try {
        const r = await api('GET', '/v1/print-jobs/' + encodeURIComponent(jobId));
        if (gen !== S.reprintGen) return;
        if (r.status === 200 && r.body) {
          status = r.body.status;
          line.textContent = reprintWords(status, code);
        } else if (r.status === 404) {
          line.textContent = reprintWords('expired', code);
          return;
        }
      } catch (e) {
        if (e instanceof SessionGone) return;
        line.textContent = 'De dienst is niet bereikbaar: kijk bij de kiosk of ' + code + ' eruit is gekomen.';
      }
    }
  }

  // ---- volunteers ----
  let volLoading = false;
  async function loadVolunteers(announce) {
    if (volLoading) return;
    volLoading = true;
    const msg = $('vol-msg');
    if (announce) msg.textContent = 'Laden…';
    try {
      const r = await api('GET', '/v1/volunteers');
      if (r.status !== 200 || !r.body || !Array.isArray(r.body.volunteers)) {
        msg.textContent =
          r.status === 403
            ? 'Alleen medewerkers van deze locatie zien de vrijwilligers hier.'
            : 'De lijst met vrijwilligers kon niet worden gelezen. Probeer het opnieuw, of vraag het IT.';
        return;
      }
      renderVolunteers(r.body.volunteers);
    } catch (e) {
      if (e instanceof Unreachable) msg.textContent = 'De lijst kon niet worden bijgewerkt: de dienst is niet bereikbaar.';
    } finally {
      volLoading = false;
    }
  }

  function renderVolunteers(list) {
    const rows = list.map((v) => {
      const contact = (v.contact && (v.contact.phone || v.contact.email)) || '';
      const when = (v.availability || []).map((a) => AVAILABILITY[a] || a).join(', ');
      const what = (v.interests || []).map(interestName).join(', ');
      const created = new Date(v.created_at);
      const on = Number.isNaN(created.getTime())
        ? ''
        : created.toLocaleDateString('nl-NL', { day: 'numeric', month: 'short', year: 'numeric' });
      const done = el('button', {
        text: 'Afgehandeld',
        cls: 'secondary',
        attrs: { type: 'button', 'aria-label': 'Afgehandeld: ' + (v.reference || v.id) },
      });
      done.addEventListener('click', () => handled(v, done));
      return el('tr', { attrs: { 'data-id': v.id } }, [
        el('td', { text: v.reference || '' }),
        el('td', { text: v.first_name || '' }),
        el('td', { text: contact }),
        el('td', { text: what }),
        el('td', { text: when }),
        el('td', { text: on }),
        el('td', {}, [done]),
      ]);
    });
    $('vol-table').tBodies[0].replaceChildren(...rows);
    $('vol-table').hidden = rows.length === 0;
    $('vol-msg').textContent = rows.length === 0 ? 'Geen nieuwe vrijwilligers om contact mee op te nemen.' : '';
  }

  async function handled(v, button) {
    button.disabled = true;
    try {
      const r = await api('POST', '/v1/volunteers/' + encodeURIComponent(v.id) + '/handled');
      if (r.status === 200) setStatus('Gemarkeerd als afgehandeld.');
      else setStatus(errorText(r.status, r.body));
      await loadVolunteers(false);
      $('vol-refresh').focus();
    } catch (e) {
      if (e instanceof Unreachable) setStatus('De wachtrijdienst is niet bereikbaar. Probeer het zo opnieuw.');
      button.disabled = false;
    }
  }

  // ---- reports ----
  const pad = (n) => String(n).padStart(2, '0');
  const isoDate = (d) => d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
  const parseDate = (s) => (/^\d{4}-\d{2}-\d{2}$/.test(s || '') ? new Date(s + 'T00:00:00Z') : null);
  function today() {
    if (S.queue && parseDate(S.queue.day)) return S.queue.day;
    const d = new Date();
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  // {from, to} of the chosen period, or a message saying what is wrong.
  function reportPeriod() {
    const kind = $('report-period').value;
    const now = today();
    if (kind === 'range') {
      const from = $('report-from').value;
      const to = $('report-to').value;
      if (!parseDate(from) || !parseDate(to)) return { error: 'Kies een begin- en een einddatum.' };
      if (from > to) return { error: 'De begindatum ligt na de einddatum.' };
      if ((parseDate(to) - parseDate(from)) / 86400000 >= MAX_REPORT_DAYS)
        return { error: 'Een rapportage beslaat hoogstens ' + MAX_REPORT_DAYS + ' dagen.' };
      return { from, to };
    }
    const on = parseDate($('report-on').value) || parseDate(now);
    let from = new Date(on);
    let to = new Date(on);
    if (kind === 'week') {
      const back = (on.getUTCDay() + 6) % 7; // Monday is the first day
      from.setUTCDate(on.getUTCDate() - back);
      to = new Date(from);
      to.setUTCDate(from.getUTCDate() + 6);
    } else if (kind === 'month') {
      from = new Date(Date.UTC(on.getUTCFullYear(), on.getUTCMonth(), 1));
      to = new Date(Date.UTC(on.getUTCFullYear(), on.getUTCMonth() + 1, 0));
    }
    let toIso = isoDate(to);
    if (toIso > now && isoDate(from) <= now) toIso = now; // nothing has happened after today
    return { from: isoDate(from), to: toIso };
  }

  function reportUrl(ext, p) {
    return (
      '/v1/reports/' + encodeURIComponent(S.location) + '.' + ext +
      '?from=' + encodeURIComponent(p.from) + '&to=' + encodeURIComponent(p.to)
    );
  }

  function showReport() {
    const p = reportPeriod();
    if (p.error) {
      setStatus(p.error);
      return;
    }
    const html = reportUrl('html', p);
    $('report-frame').src = html;
    $('report-frame').hidden = false;
    $('report-open').href = html;
    $('report-csv').href = reportUrl('csv', p);
    $('report-csv').setAttribute('download', 'rapportage-' + S.location + '-' + p.from + '-' + p.to + '.csv');
    $('report-period-text').textContent = 'Periode: ' + p.from + (p.to !== p.from ? ' tot en met ' + p.to : '');
    S.reportShown = true;
  }

  // The frame shows the service's page; when the service answered an error instead (JSON), its words go
  // to the status line. The frame is of this origin, so the page may read what it holds.
  function reportLoaded() {
    const frame = $('report-frame');
    try {
      const doc = frame.contentDocument;
      if (!doc || !doc.contentType || !doc.contentType.includes('json')) return;
      const body = JSON.parse(doc.body ? doc.body.textContent : 'null');
      if (body && body.error && body.error.code === 'unauthorized') {
        sessionExpired();
        return;
      }
      setStatus('De rapportage kon niet worden gemaakt: ' + errorText(0, body));
    } catch (e) {
      /* not readable: leave it as it shows */
    }
  }

  function reportKindChanged() {
    const range = $('report-period').value === 'range';
    $('report-range-row').hidden = !range;
    $('report-on-row').hidden = range;
    if (range) {
      if (!$('report-from').value) $('report-from').value = today();
      if (!$('report-to').value) $('report-to').value = today();
    }
  }

  // ---- tabs ----
  const TABS = ['queue', 'volunteers', 'reports'];
  function selectTab(name, focus) {
    if (S.tab !== name) setStatus(''); // what was said on one tab means nothing on the next
    S.tab = name;
    for (const t of TABS) {
      const tab = $('tab-' + t);
      const on = t === name;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.tabIndex = on ? 0 : -1;
      $('panel-' + t).hidden = !on;
      if (on && focus) tab.focus();
    }
    if (name === 'volunteers') loadVolunteers(true);
    if (name === 'reports') {
      if (!$('report-on').value) $('report-on').value = today();
      if (!S.reportShown) showReport();
    }
  }

  // ---- wiring ----
  async function login(ev) {
    ev.preventDefault();
    const location = $('login-location').value.trim();
    const user = $('login-user').value.trim();
    const password = $('login-password').value;
    const msg = $('login-msg');
    if (!location || !user || !password) {
      msg.textContent = 'Vul locatie, gebruikersnaam en wachtwoord in.';
      return;
    }
    $('login-submit').disabled = true;
    msg.textContent = 'Bezig met inloggen…';
    try {
      const r = await api('POST', '/v1/login', { location, user, password, session: 'cookie' }, { allow401: true });
      if (r.status === 200 && r.body && r.body.csrf) {
        msg.textContent = '';
        $('login-password').value = '';
        setStatus('');
        await enterApp({ location: r.body.location || location, user: r.body.user || user, csrf: r.body.csrf });
        return;
      }
      if (r.status === 401) msg.textContent = 'Gebruikersnaam of wachtwoord klopt niet.';
      else if (r.status === 429)
        msg.textContent =
          'Te veel pogingen. Probeer het over ' + (r.headers.get('Retry-After') || 'enkele') + ' seconden opnieuw.';
      else if (r.status === 200) msg.textContent = 'Inloggen lukte niet: de dienst gaf geen sessie. Vraag IT.';
      else msg.textContent = errorText(r.status, r.body);
    } catch (e) {
      msg.textContent = 'De wachtrijdienst is niet bereikbaar. Probeer het zo opnieuw.';
    }
    $('login-submit').disabled = false;
    $('login-password').focus();
  }

  async function logout() {
    stopPolling();
    try {
      await api('POST', '/v1/logout', undefined, { allow401: true });
    } catch (e) {
      /* the session ends here anyway */
    }
    setCsrf(null);
    S.current = null;
    setStatus('');
    showLogin('U bent uitgelogd.');
  }

  const KEYS = { F1: callNext, F2: () => step('recall'), F3: () => step('served'), F4: () => step('no-show'), F5: reprint };
  function onKey(ev) {
    const fn = KEYS[ev.key];
    if (!fn || $('app-view').hidden) return;
    ev.preventDefault(); // F1 is the browser's help, F5 its reload: the counter's keys here
    if (ev.repeat || ev.altKey || ev.ctrlKey || ev.metaKey || S.tab !== 'queue') return;
    fn();
  }

  function wire() {
    $('login-form').addEventListener('submit', login);
    $('logout').addEventListener('click', logout);
    $('btn-next').addEventListener('click', callNext);
    $('btn-recall').addEventListener('click', () => step('recall'));
    $('btn-served').addEventListener('click', () => step('served'));
    $('btn-noshow').addEventListener('click', () => step('no-show'));
    $('btn-reprint').addEventListener('click', reprint);
    $('transfer-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const topic = $('transfer-topic').value;
      if (topic) step('transfer', { topic });
    });
    $('call-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      callCode();
    });
    $('desk').addEventListener('change', () => {
      if (!deskOk()) return;
      S.desk = Number($('desk').value);
      $('desk-label').textContent = String(S.desk);
      savePrefs();
      setStatus('Balie ' + S.desk + '.');
      renderQueue();
    });
    $('vol-refresh').addEventListener('click', () => loadVolunteers(true));
    $('report-period').addEventListener('change', reportKindChanged);
    $('report-frame').addEventListener('load', reportLoaded);
    $('report-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      showReport();
    });
    TABS.forEach((name, i) => {
      const tab = $('tab-' + name);
      tab.addEventListener('click', () => selectTab(name, false));
      tab.addEventListener('keydown', (ev) => {
        let to = null;
        if (ev.key === 'ArrowRight') to = TABS[(i + 1) % TABS.length];
        else if (ev.key === 'ArrowLeft') to = TABS[(i + TABS.length - 1) % TABS.length];
        else if (ev.key === 'Home') to = TABS[0];
        else if (ev.key === 'End') to = TABS[TABS.length - 1];
        if (to) {
          ev.preventDefault();
          selectTab(to, true);
        }
      });
    });
    document.addEventListener('keydown', onKey);
  }

  async function boot() {
    wire();
    try {
      S.csrf = sessionStorage.getItem(CSRF_KEY);
    } catch (e) {
      S.csrf = null;
    }
    // A session from before a reload: the cookie says who, the service hands the CSRF token again.
    try {
      const r = await api('GET', '/v1/session', undefined, { allow401: true });
      if (r.status === 200 && r.body && r.body.location) {
        await enterApp({ location: r.body.location, user: r.body.user, csrf: r.body.csrf || S.csrf });
        return;
      }
      showLogin('');
    } catch (e) {
      showLogin('De wachtrijdienst is niet bereikbaar. Probeer het zo opnieuw.');
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
