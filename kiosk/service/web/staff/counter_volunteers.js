// The web counter's volunteers tab: registrations not yet handled, and "handled". Personal data: shown
// here and nowhere else, never logged.
import { $, AVAILABILITY, Unreachable, el, setStatus, interestName, errorText, api } from './counter_base.js';

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

export { loadVolunteers };
