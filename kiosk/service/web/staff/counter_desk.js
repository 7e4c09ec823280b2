// The web counter's desk: the ticket at my desk and what staff do with it (call next, call by code,
// recall, served, no-show, transfer, reprint at the kiosk), each one action at a time.
import {
  $, S, SessionGone, Unreachable, el, setStatus, sleep, topicName, normaliseCode, codeLabel, errorText, api,
  REPRINT_POLLS, REPRINT_EVERY_MS,
} from './counter_base.js';

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

// ---- my desk ----
function renderCurrent() {
  const t = S.current;
  $('current-none').hidden = !!t;
  $('current-some').hidden = !t;
  $('current-code').textContent = t ? codeLabel(t) : '';
  $('current-remote').hidden = !(t && t.remote);
  // "Later opnieuw" only for a called ticket joined from home: that resident may still be on the way.
  $('btn-later').hidden = !(t && t.remote);
  $('btn-later').disabled = !t || !t.remote || S.busy;
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

// recall | served | no-show | transfer | later on the ticket at this desk.
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
        else if (what === 'later') setStatus(t.code + ' wacht weer, achteraan in de rij: later opnieuw roepen.');
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

export { renderCurrent, renderTransferChoices, deskOk, callNext, callCode, step, reprint };
