// The web counter's "Terugbellen" tab: residents who asked to be called back, oldest first. A staff member
// takes one ("Bellen"), and only then does the service hand them the number; they say how the call went.
// The number is personal data: it lives only in the row's tel: link while this staff member has the
// request, is never logged, never stored (no localStorage, no module state), and is gone from the page
// once the outcome is said (the list is drawn again from the service, which no longer gives it).
import { $, Unreachable, el, setStatus, topicName, errorText, api } from './counter_base.js';

const PART_OF_DAY = { morning: 'ochtend', afternoon: 'middag', any: 'maakt niet uit' };
// The service's refusals on this tab, in words; anything else as errorText says it.
const REFUSALS = {
  taken_by_other: 'Een collega belt deze bewoner al.',
  not_taken_by_you: 'Een collega heeft dit verzoek: alleen wie belt, zegt hoe het ging.',
  callback_closed: 'Dit verzoek is al afgerond.',
  no_such_callback: 'Dit terugbelverzoek bestaat niet (meer).',
  forbidden: 'Dit terugbelverzoek hoort bij een andere locatie.',
};
const OUTCOMES = [
  ['reached', 'Bereikt', (ref) => ref + ': bereikt. Het verzoek is afgerond.'],
  ['not_reached', 'Niet bereikt', (ref) => ref + ': niet bereikt. Het verzoek staat weer open om later te bellen.'],
  ['done', 'Afgerond', (ref) => ref + ': afgerond.'],
];

function refusal(r) {
  const code = r.body && r.body.error && r.body.error.code;
  if (REFUSALS[code]) return REFUSALS[code];
  if (r.status === 403) return REFUSALS.forbidden;
  return errorText(r.status, r.body);
}

// One load at a time; a load asked for meanwhile (a bump of the long-poll while "Bellen" is answered)
// runs once more after it, and its caller waits for that: so whoever awaits sees the list as it is now.
let current = null;
let again = false;
function loadCallbacks(announce) {
  if (current) {
    again = true;
    return current;
  }
  current = (async () => {
    try {
      do {
        again = false;
        await loadOnce(announce);
      } while (again);
    } finally {
      current = null;
    }
  })();
  return current;
}

async function loadOnce(announce) {
  const msg = $('cb-msg');
  if (announce) msg.textContent = 'Laden…';
  try {
    const r = await api('GET', '/v1/callbacks');
    if (r.status !== 200 || !r.body || !Array.isArray(r.body.callbacks)) {
      msg.textContent =
        r.status === 403
          ? 'Alleen medewerkers van deze locatie zien de terugbelverzoeken hier.'
          : 'De terugbelverzoeken konden niet worden gelezen. Probeer het opnieuw, of vraag het IT.';
      return;
    }
    render(r.body.callbacks);
  } catch (e) {
    if (e instanceof Unreachable) msg.textContent = 'De lijst kon niet worden bijgewerkt: de dienst is niet bereikbaar.';
    /* a SessionGone: the login form is shown already */
  }
}

function madeOn(rfc3339) {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString('nl-NL', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

// What the last cell holds: "Bellen", or (mine) the number and the outcomes, or a colleague's name-less note.
function actionCell(c) {
  const ref = c.reference || c.id;
  if (c.state === 'taken' && !c.taken_by_me) return el('td', { text: 'Een collega belt' });
  if (c.taken_by_me && c.phone) {
    // tel: wants digits (and a leading +); the link's text is the number as the service gave it.
    const tel = el('a', { text: c.phone, cls: 'tel', attrs: { href: 'tel:' + c.phone.replace(/[^0-9+]/g, '') } });
    const buttons = OUTCOMES.map(([outcome, label, said]) => {
      const b = el('button', {
        text: label,
        cls: 'secondary',
        attrs: { type: 'button', 'aria-label': label + ': ' + ref, 'data-outcome': outcome },
      });
      b.addEventListener('click', () => step(c, '/outcome', { outcome }, said(ref), b));
      return b;
    });
    return el('td', {}, [el('div', { cls: 'cb-mine' }, [tel, el('span', { cls: 'cb-actions' }, buttons)])]);
  }
  const call = el('button', { text: 'Bellen', attrs: { type: 'button', 'aria-label': 'Bellen: ' + ref } });
  call.addEventListener('click', () => step(c, '/take', undefined, 'U belt ' + ref + '. Het nummer staat in de lijst.', call));
  return el('td', {}, [call]);
}

function render(list) {
  const rows = list.map((c) =>
    el('tr', { attrs: { 'data-id': c.id, 'data-reference': c.reference || '' } }, [
      el('td', { text: c.reference || '', cls: 'code' }),
      el('td', { text: topicName(c.topic) }),
      el('td', { text: PART_OF_DAY[c.part_of_day] || c.part_of_day || '' }),
      el('td', { text: madeOn(c.created_at) }),
      el('td', { text: String(c.attempts || 0) }),
      actionCell(c),
    ]),
  );
  // A refresh (the long-poll's bump, the timer) must not drop the keyboard's place: the element that had
  // the focus in the old rows gets it back in the new ones (the number to dial, or the same button).
  const had = document.activeElement;
  const row = had && had.closest ? had.closest('#cb-table tr[data-id]') : null;
  let sel = null;
  if (row && had.classList.contains('tel')) sel = 'a.tel';
  else if (row && had.dataset.outcome) sel = 'button[data-outcome="' + had.dataset.outcome + '"]';
  else if (row) sel = 'button';
  $('cb-table').tBodies[0].replaceChildren(...rows);
  $('cb-table').hidden = rows.length === 0;
  if (row && sel) {
    const back = document.querySelector('#cb-table tr[data-id="' + CSS.escape(row.dataset.id) + '"] ' + sel);
    if (back) back.focus();
  }
  $('cb-msg').textContent = rows.length === 0 ? 'Er wil nu niemand teruggebeld worden.' : '';
}

// take | outcome on one request, then the list again from the service (the truth, and the number gone).
async function step(c, path, body, said, button) {
  button.disabled = true;
  try {
    const r = await api('POST', '/v1/callbacks/' + encodeURIComponent(c.id) + path, body);
    setStatus(r.status === 200 ? said : refusal(r));
    await loadCallbacks(false);
    // Where the hands go next: the number to dial after "Bellen", else back to the list.
    const tel = document.querySelector('#cb-table tr[data-id="' + CSS.escape(c.id) + '"] a.tel');
    (tel || $('cb-refresh')).focus();
  } catch (e) {
    if (e instanceof Unreachable) setStatus('De wachtrijdienst is niet bereikbaar. Probeer het zo opnieuw.');
    button.disabled = false;
  }
}

export { loadCallbacks };
