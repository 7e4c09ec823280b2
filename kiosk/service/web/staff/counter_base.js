// The web counter's base: its state, its small helpers, and its one way to the service (api), which the
// other modules share. See counter.js for the whole; no framework, no build step, a strict CSP (no
// inline code, no eval, no markup from data: text only, through textContent).
//
// The session lives in an HttpOnly cookie the script never sees; the CSRF token the service hands out
// at login stays in sessionStorage (needed after a reload) and goes out only in the X-CSRF-Token header.
// localStorage holds only the desk number and its topics: never a name, never a token.

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
  not_remote: 'Dit nummer is bij de kiosk getrokken: de bewoner was er. Kies Niet gekomen.',
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
// "s12", "S 12", "s-012" -> "S-012", as the native counter does; a code joined from home keeps its W and
// two digits ("sw3" -> "S-W03"): a code letter is one letter, so a second W can only be that mark.
// Anything else as typed.
function normaliseCode(typed) {
  const compact = typed.replace(/[\s-]/g, '');
  const m = /^([A-Za-z])(W?)(\d+)$/i.exec(compact);
  if (!m) return typed.trim();
  const remote = m[2] !== '';
  let digits = m[3].replace(/^0+(?=\d)/, '');
  while (digits.length < (remote ? 2 : 3)) digits = '0' + digits;
  return m[1].toUpperCase() + '-' + (remote ? 'W' : '') + digits;
}
function codeLabel(t) {
  return t.code_shared && t.issued_time ? t.code + ' (' + t.issued_time + ')' : t.code;
}
// The small "thuis" mark beside the code of a ticket joined from home (none for a kiosk's ticket).
function remoteMark(t) {
  return t && t.remote ? [el('span', { text: 'thuis', cls: 'remote', attrs: { title: 'Aangeschoven vanaf huis' } })] : [];
}
function errorText(status, body) {
  const e = body && body.error;
  if (e && ERRORS[e.code]) return ERRORS[e.code];
  if (e && e.message) return e.message;
  if (status >= 500) return 'De wachtrijdienst had een storing (' + status + '). Probeer het zo opnieuw.';
  return 'De dienst weigerde dit (' + status + '). Probeer opnieuw of vraag IT.';
}

// What the base calls back in counter.js (set there): the session ended at the service.
const hooks = { sessionExpired: () => {} };

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
    hooks.sessionExpired();
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

export {
  CSRF_KEY, LAST_LOCATION_KEY, prefsKey, LONG_POLL_S, MAX_BACKOFF_MS, REPRINT_POLLS, REPRINT_EVERY_MS,
  MAX_REPORT_DAYS, AVAILABILITY, $, S, SessionGone, Unreachable, el, setStatus, sleep, minutes, topicName,
  interestName, normaliseCode, codeLabel, remoteMark, errorText, hooks, api, setCsrf,
};
