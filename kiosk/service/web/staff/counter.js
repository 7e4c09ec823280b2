// The web counter (/staff/, issue 16): what the native counter does, in a browser. Plain script, no
// framework, no build step. Runs under a strict CSP (script-src 'self'): no inline code, no eval, no
// markup from data (text only, through textContent).
//
// The session lives in an HttpOnly cookie the script never sees; the CSRF token the service hands out
// at login stays in sessionStorage (needed after a reload) and goes out only in the X-CSRF-Token header.
// localStorage holds only the desk number and its topics: never a name, never a token.
//
// The page's modules: counter_base.js (state, helpers, the service), counter_desk.js (the ticket at my
// desk), counter_volunteers.js, counter_callbacks.js, counter_reports.js; this one has the login, the live queue, the tabs and
// the wiring.
import {
  $, S, CSRF_KEY, LAST_LOCATION_KEY, prefsKey, LONG_POLL_S, MAX_BACKOFF_MS, SessionGone, el, setStatus, sleep,
  minutes, topicName, codeLabel, remoteMark, errorText, hooks, api, setCsrf,
} from './counter_base.js';
import { renderCurrent, renderTransferChoices, deskOk, callNext, callCode, step, reprint } from './counter_desk.js';
import { loadVolunteers } from './counter_volunteers.js';
import { loadCallbacks } from './counter_callbacks.js';
import { today, showReport, reportLoaded, reportKindChanged } from './counter_reports.js';

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
  // The channel is bumped on every call-back change too (a new request, a colleague's call).
  if (S.tab === 'callbacks') loadCallbacks(false);
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
      el('td', { text: codeLabel(t), cls: 'code' }, remoteMark(t)),
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
      el('td', { text: codeLabel(t), cls: 'code' }, remoteMark(t)),
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

// ---- tabs ----
const TABS = ['queue', 'volunteers', 'callbacks', 'reports'];
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
  if (name === 'callbacks') loadCallbacks(true);
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
  $('btn-later').addEventListener('click', () => step('later'));
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
  $('cb-refresh').addEventListener('click', () => loadCallbacks(true));
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

hooks.sessionExpired = sessionExpired;
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
