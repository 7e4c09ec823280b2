// The web counter's reports tab: a day, a week, a month or any range, shown as the service's printable
// page in a frame, with links to print it and to download it as CSV.
import { $, S, MAX_REPORT_DAYS, setStatus, errorText, hooks } from './counter_base.js';

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
      hooks.sessionExpired();
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

export { today, showReport, reportLoaded, reportKindChanged };
