// The web counter (/staff/) in a real browser: Debian's Chromium driven by playwright-core at 1366×768,
// against the real wijkqueue the C++ test started (web_counter_test.cpp).
//
//   node web_counter.spec.mjs CASE ARGS_JSON
//
// ARGS_JSON (written by the test): base, ca, dir (where the spec and the test leave marker files for each
// other), location, user, password, and per case what it needs (codes, ids, screenshot paths).
// CASE: flow | live | reconnect | other | callbacks | callbacksOther. Every case also checks, for the whole run: the page's CSP header
// is exactly the strict one, no CSP violation and no console error, and no request URL holds the session
// cookie's value or the CSRF token. The cookie's value and the CSRF token go to DIR/cookie and DIR/csrf,
// for the test to look for in the server's log. Exits 0 when all is well, 1 with one clear line on stderr otherwise.
import fs from 'node:fs';
import path from 'node:path';

import { launchFor, resolveFromPrefix } from './phone.mjs';

export const STRICT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
const VIEWPORT = { width: 1366, height: 768 };
const COOKIE = '__Host-wk_staff';

const [which, argsFile] = process.argv.slice(2);

class Fail extends Error {}
function fail(message) {
  throw new Fail(message);
}
function log(message) {
  console.log(`web_counter.spec[${which}]: ${message}`);
}
if (!which || !argsFile) {
  console.error('usage: node web_counter.spec.mjs flow|live|reconnect|other|callbacks|callbacksOther ARGS_JSON');
  process.exit(2);
}
const a = JSON.parse(fs.readFileSync(argsFile, 'utf8'));
const marker = (name) => path.join(a.dir, name);
function signal(name) {
  fs.writeFileSync(marker(name), `${name}\n`);
}
// WCAG 2.x A and AA and axe's best practices, on each view of the counter (not in the report's frame,
// which is the service's own page).
const axeSource = fs.readFileSync(resolveFromPrefix('axe-core/axe.min.js'), 'utf8');
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
};
const a11yProblems = [];
async function axeCheck(page, label) {
  await page.evaluate(axeSource); // by the DevTools protocol, which the page's CSP does not govern
  const r = await page.evaluate((o) => window.axe.run({ exclude: [['#report-frame']] }, o), AXE_OPTIONS);
  for (const v of r.violations)
    a11yProblems.push(`${label}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}: ${v.help}`);
  const looked = new Set([...r.passes, ...r.violations].map((x) => x.id));
  for (const id of ['color-contrast', 'button-name', 'html-has-lang', 'landmark-one-main'])
    if (!looked.has(id)) a11yProblems.push(`${label}: axe rule ${id} did not run`);
}

// ---- what every case watches ----
const requests = [];
const errors = [];
const loadFailures = [];
const violations = [];
let csrfSeen = null;
let cookieSeen = null;

async function watchedPage(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'nl-NL' });
  await context.exposeBinding('__wkCspViolation', (_source, v) => violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__wkCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile || e.documentURI}`);
    });
    // Whether the counter's own handler kept F1–F5 from the browser (a listener on window runs after it).
    window.addEventListener('keydown', (e) => {
      if (/^F[1-5]$/.test(e.key)) window.__wkKeyPrevented = { key: e.key, prevented: e.defaultPrevented };
    });
  });
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(`page error: ${String(e)}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium reports every non-2xx answer and every refused connection as "Failed to load resource";
    // the counter meets those on purpose (401 before login, 404 across locations, the service away).
    // Anything else in red (a CSP refusal, a script error) fails the run.
    // A 5xx is no such purpose, except while the service is being stopped in the reconnect case.
    const serverError = /status of 5\d\d/.test(m.text()) && which !== 'reconnect';
    if (m.text().startsWith('Failed to load resource') && !serverError) loadFailures.push(m.text());
    else errors.push(`console: ${m.text()}`);
  });
  return { context, page };
}

async function openCounter(page) {
  const response = await page.goto(`${a.base}/staff/`, { waitUntil: 'load' });
  if (response.status() !== 200) fail(`/staff/ answered ${response.status()}, not 200`);
  const csp = response.headers()['content-security-policy'];
  if (csp !== STRICT_CSP) fail(`/staff/ sent the CSP "${csp}", not exactly "${STRICT_CSP}"`);
  if (!(await page.evaluate(() => document.documentElement.lang === 'nl'))) fail('the page is not lang="nl"');
}

async function login(page, location, user, password) {
  await page.locator('#login-view').waitFor({ state: 'visible', timeout: 15000 });
  // Keyboard only: type into the labelled fields, Enter sends.
  await page.getByLabel('Locatie').fill(location);
  await page.getByLabel('Gebruikersnaam').fill(user);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByLabel('Wachtwoord').press('Enter');
  await page.locator('#app-view').waitFor({ state: 'visible', timeout: 15000 });
  csrfSeen = await page.evaluate(() => sessionStorage.getItem('wijkkiosk.counter.csrf'));
  const cookie = (await page.context().cookies(a.base)).find((c) => c.name === COOKIE);
  if (!cookie) fail(`no ${COOKIE} cookie after login`);
  cookieSeen = cookie.value;
  fs.writeFileSync(marker('cookie'), cookieSeen);
  fs.writeFileSync(marker('csrf'), csrfSeen);
  if (!csrfSeen) fail('after login there is no CSRF token in sessionStorage');
  const local = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  if (local.includes(csrfSeen)) fail('the CSRF token is in localStorage');
  // The first queue is on screen: the per-topic table has its rows.
  await until(page, () => document.querySelectorAll('#load-table tbody tr').length > 0, 'the queue to load');
}

// Polls a condition in the page until it holds.
async function until(page, fn, what, arg, timeout = 15000) {
  await page.waitForFunction(fn, arg, { timeout, polling: 50 }).catch(() => fail(`timed out waiting for ${what}`));
}
async function text(page, selector) {
  return ((await page.locator(selector).textContent()) || '').trim();
}
async function untilText(page, selector, expected, timeout = 15000) {
  await until(
    page,
    ([s, e]) => {
      const n = document.querySelector(s);
      return n !== null && n.offsetParent !== null && n.textContent.includes(e);
    },
    `"${expected}" in ${selector}`,
    [selector, expected],
    timeout,
  ).catch(async (e) => fail(`${e.message} (it shows "${await text(page, selector).catch(() => '?')}")`));
}
// The codes in a table of the page (by data-code, so a shared code's issue time does not matter).
async function codesIn(page, table) {
  return page.evaluate((t) => [...document.querySelectorAll(`#${t} tbody tr`)].map((r) => r.dataset.code), table);
}
async function untilRow(page, table, code, present = true, timeout = 15000) {
  await until(
    page,
    ([t, c, p]) => [...document.querySelectorAll(`#${t} tbody tr`)].some((r) => r.dataset.code === c) === p,
    `${code} ${present ? 'to appear in' : 'to leave'} #${table}`,
    [table, code, present],
    timeout,
  );
}
// The service's queue as this session sees it (the page's own cookie, from inside the page).
async function serviceQueue(page) {
  return page.evaluate(async () => {
    const r = await fetch('/v1/queue', { credentials: 'same-origin', cache: 'no-store' });
    return { status: r.status, body: await r.json() };
  });
}
async function pressKey(page, key) {
  await page.evaluate(() => { window.__wkKeyPrevented = null; });
  await page.keyboard.press(key);
  const seen = await page.evaluate(() => window.__wkKeyPrevented);
  if (!seen || seen.key !== key || !seen.prevented) fail(`${key} was not kept from the browser (preventDefault)`);
}

async function finalChecks(page) {
  const secrets = [csrfSeen, cookieSeen].filter(Boolean);
  for (const url of requests)
    for (const s of secrets) if (url.includes(s)) fail(`a request URL holds a session secret: ${url.slice(0, 60)}…`);
  if (a11yProblems.length) fail(`accessibility: ${a11yProblems.join(' | ')}`);
  if (violations.length) fail(`CSP violations: ${violations.join(' | ')}`);
  if (errors.length) fail(`the browser reported errors: ${errors.join(' | ')}`);
  if (page) {
    // (An empty style="" is the test's tooling, which sets and restores el.style; CSP allows that.)
    const bad = await page.evaluate(() =>
      [...document.querySelectorAll('[style]:not([style=""]), script:not([src])')].map((e) => e.outerHTML.slice(0, 80)));
    if (bad.length) fail(`${bad.length} inline style attributes or inline scripts in the page: ${bad.join(' | ')}`);
  }
}

// ---- the cases ----
async function flow(browser) {
  const { context, page } = await watchedPage(browser);
  await openCounter(page);
  await page.locator('#login-view').waitFor({ state: 'visible', timeout: 15000 });
  await axeCheck(page, 'login');
  await login(page, a.location, a.user, a.password);
  const cookie = (await context.cookies(a.base)).find((c) => c.name === COOKIE);
  if (!cookie) fail(`no ${COOKIE} cookie after login`);
  if (!cookie.httpOnly || !cookie.secure || cookie.sameSite !== 'Strict' || cookie.path !== '/')
    fail(`the session cookie is not HttpOnly; Secure; SameSite=Strict; Path=/: ${JSON.stringify({ ...cookie, value: '…' })}`);
  if (await page.evaluate((n) => document.cookie.includes(n), COOKIE)) fail('the script can read the session cookie');
  await page.evaluate(() => { window.__noReload = true; });

  // Keyboard only: Tab moves on, and where the focus is shows.
  await page.getByRole('button', { name: /Volgende roepen/ }).focus();
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const st = getComputedStyle(document.activeElement);
    return { id: document.activeElement.id, style: st.outlineStyle, width: parseFloat(st.outlineWidth) };
  });
  if (ring.style === 'none' || ring.width < 2) fail(`the focus on #${ring.id} is not visible: ${JSON.stringify(ring)}`);

  for (const code of a.waiting) await untilRow(page, 'waiting-table', code);
  await untilText(page, '#load-table', 'Geldzorgen en schulden');

  // My desk: 3, calling only "schulden".
  await page.getByLabel('Balienummer').fill('3');
  await page.getByLabel('Balienummer').press('Tab');
  for (const id of a.topics) {
    const box = page.locator(`#topic-${id}`);
    if ((await box.isChecked()) !== (id === 'schulden')) await box.press('Space');
  }
  await until(page, (loc) => JSON.parse(localStorage.getItem('wijkkiosk.counter.prefs.' + loc) || '{}').desk === 3,
    'desk 3 to be remembered', a.location);

  // F1: the oldest "schulden" ticket, S-001, to desk 3.
  await pressKey(page, 'F1');
  await untilText(page, '#current-code', 'S-001');
  await untilRow(page, 'called-table', 'S-001');
  await untilRow(page, 'waiting-table', 'S-001', false);
  let q = await serviceQueue(page);
  const s1 = q.body.called.find((c) => c.code === 'S-001');
  if (!s1 || s1.desk !== 3) fail(`the service does not have S-001 called to desk 3: ${JSON.stringify(q.body.called)}`);
  if (await page.locator('#current[aria-live]').count() !== 1) fail('the ticket at my desk is not in a live region');

  // A second F1 while S-001 is at the desk: the native counter's rule, finish first.
  await pressKey(page, 'F1');
  await untilText(page, '#status', 'Rond eerst het huidige nummer af');

  // F2: recall.
  await pressKey(page, 'F2');
  await untilText(page, '#status', 'S-001 is opnieuw geroepen');

  // Transfer S-001 to "Werk en inkomen".
  await page.getByLabel('Doorsturen naar').selectOption('werk');
  await page.locator('#btn-transfer').click();
  await untilText(page, '#status', 'S-001 is doorgestuurd naar Werk en inkomen');
  await until(page, () => !document.getElementById('current-none').hidden, 'the desk to be free after the transfer');
  await untilRow(page, 'waiting-table', 'S-001');
  await until(page, () => {
    const r = document.querySelector('#waiting-table tbody tr[data-code="S-001"]');
    return r !== null && r.textContent.includes('Werk en inkomen');
  }, 'S-001 to wait under "Werk en inkomen"');
  q = await serviceQueue(page);
  const back = q.body.waiting.find((t) => t.code === 'S-001');
  if (!back || back.topic !== 'werk') fail(`the service does not have S-001 waiting for "werk": ${JSON.stringify(q.body.waiting)}`);

  // The button: the next "schulden" ticket is S-002 (S-001 is "werk" now).
  await page.getByRole('button', { name: /Volgende roepen/ }).click();
  await untilText(page, '#current-code', 'S-002');
  await untilRow(page, 'called-table', 'S-002');
  if (a.shotCounter) {
    await page.locator('#status').evaluate((e) => e.offsetHeight); // laid out
    await page.screenshot({ path: a.shotCounter });
  }
  await axeCheck(page, 'queue with a ticket at the desk');

  // F5: reprint at the kiosk, followed in words; no reload.
  await pressKey(page, 'F5');
  await untilText(page, '#reprint-status', 'S-002');
  const reprintWords = await text(page, '#reprint-status');
  if (!/kiosk/i.test(reprintWords)) fail(`the reprint's status is not in words: "${reprintWords}"`);
  // The test, as the kiosk, takes the job and reports it printed: the page follows the job to that end.
  signal('reprint-asked');
  await untilText(page, '#reprint-status', 'S-002 is geprint bij de kiosk', 45000);

  // F3: served.
  await pressKey(page, 'F3');
  await untilText(page, '#status', 'S-002: geholpen');
  await untilRow(page, 'called-table', 'S-002', false);
  q = await serviceQueue(page);
  if (q.body.called.some((c) => c.code === 'S-002') || q.body.waiting.some((c) => c.code === 'S-002'))
    fail('the service still lists S-002 after "served"');

  // Call by code, typed as a resident holds it up ("w1" is W-001); then F4, no-show.
  await page.getByLabel('Roepen op code').fill('w1');
  await page.getByLabel('Roepen op code').press('Enter');
  await untilText(page, '#current-code', 'W-001');
  await pressKey(page, 'F4');
  await untilText(page, '#status', 'W-001: niet gekomen');
  // A code nobody holds: the service's 404 in words.
  await page.getByLabel('Roepen op code').fill('A-999');
  await page.getByLabel('Roepen op code').press('Enter');
  await untilText(page, '#status', 'Geen wachtend nummer heeft die code');
  if (!(await page.evaluate(() => window.__noReload === true))) fail('the page reloaded during the calls');

  // A reload keeps the session (cookie + GET /v1/session), the desk and its topics.
  await page.reload({ waitUntil: 'load' });
  await page.locator('#app-view').waitFor({ state: 'visible', timeout: 15000 });
  if ((await page.getByLabel('Balienummer').inputValue()) !== '3') fail('the desk number was not remembered');
  await until(page, () => document.getElementById('topic-schulden')?.checked === true &&
    document.getElementById('topic-werk')?.checked === false, 'the desk topics to be remembered');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  if (stored.includes(a.user) || (csrfSeen && stored.includes(csrfSeen))) fail(`localStorage holds more than the desk: ${stored}`);

  // Volunteers: the list, then "handled".
  await page.getByRole('tab', { name: 'Vrijwilligers' }).click();
  await untilText(page, '#vol-table', a.volunteerName);
  await untilText(page, '#vol-table', 'Ochtenden');
  await axeCheck(page, 'volunteers');
  await page.locator('#vol-table tbody button').first().click();
  await untilText(page, '#status', 'Gemarkeerd als afgehandeld');
  await untilText(page, '#vol-msg', 'Geen nieuwe vrijwilligers');

  // Reports: a day's report in the frame, with links to open and to download it.
  const frameAnswer = page.waitForResponse((r) => r.url().includes(`/v1/reports/${a.location}.html`), { timeout: 30000 });
  await page.getByRole('tab', { name: 'Rapportages' }).click();
  const report = await frameAnswer.catch(() => null);
  if (!report) fail('the reports tab did not load /v1/reports/LOCATION.html');
  const href = await page.locator('#report-open').getAttribute('href');
  const csv = await page.locator('#report-csv').getAttribute('href');
  if (!/^\/v1\/reports\/centrum\.html\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/.test(href)) fail(`"Afdrukken / openen" goes to ${href}`);
  if (!/^\/v1\/reports\/centrum\.csv\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/.test(csv)) fail(`"CSV" goes to ${csv}`);
  await axeCheck(page, 'reports');
  await page.getByLabel('Periode').selectOption('range');
  await page.getByLabel('Vanaf').fill('2020-01-06');
  await page.getByLabel('Tot en met').fill('2020-01-12');
  await page.getByRole('button', { name: 'Tonen' }).click();
  await until(page, () => document.getElementById('report-open').getAttribute('href').endsWith('from=2020-01-06&to=2020-01-12'),
    'the links to follow the chosen period');
  await page.getByLabel('Periode').selectOption('day');
  // The day's report again; this service always has it, so anything but a 200 with a heading fails.
  // (Not the chosen period's answer, which may still be on its way.)
  const again = page.waitForResponse(
    (r) => r.url().includes(`/v1/reports/${a.location}.html`) && !r.url().includes('2020-01-06'), { timeout: 30000 });
  await page.getByRole('button', { name: 'Tonen' }).click();
  const dayReport = await again.catch(() => null);
  if (!dayReport) fail('"Tonen" for one day loaded no /v1/reports/LOCATION.html within 30 s');
  if (dayReport.status() !== 200) fail(`the day's report answered ${dayReport.status()}, not 200`);
  const frame = page.frameLocator('#report-frame');
  await frame.locator('h1').first().waitFor({ state: 'visible', timeout: 30000 })
    .catch(() => fail('the day\'s report has no heading in the frame'));
  if ((await text(page, '#status')).includes('kon niet worden gemaakt')) fail(`the report failed: ${await text(page, '#status')}`);
  // The CSV link answers a CSV file (the page's own session, from inside the page).
  const csvAnswer = await page.evaluate(async (u) => {
    const r = await fetch(u, { credentials: 'same-origin', cache: 'no-store' });
    return { status: r.status, type: r.headers.get('Content-Type') };
  }, await page.locator('#report-csv').getAttribute('href'));
  if (csvAnswer.status !== 200 || !String(csvAnswer.type).startsWith('text/csv'))
    fail(`the CSV link answered ${csvAnswer.status} ${csvAnswer.type}`);
  if (a.shotReport) await page.screenshot({ path: a.shotReport });
  signal('report-shown');

  // Logout: back to the form, the session gone at the service too.
  await page.getByRole('tab', { name: 'Wachtrij' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.locator('#login-view').waitFor({ state: 'visible', timeout: 10000 });
  const after = await page.evaluate(async () => (await fetch('/v1/session', { cache: 'no-store' })).status);
  if (after !== 401) fail(`GET /v1/session after logout answered ${after}, not 401`);
  if (await page.evaluate(() => sessionStorage.getItem('wijkkiosk.counter.csrf'))) fail('the CSRF token outlived the logout');
  await finalChecks(page);
  log('ok');
}

async function live(browser) {
  const { page } = await watchedPage(browser);
  await openCounter(page);
  await login(page, a.location, a.user, a.password);
  await page.evaluate(() => { window.__noReload = true; });
  signal('ready');
  await untilRow(page, 'waiting-table', a.code, true, 30000);
  await untilText(page, '#load-table', '1');
  if (!(await page.evaluate(() => window.__noReload === true))) fail('the page reloaded instead of updating');
  // The session ends at the service behind the page's back (the test then issues a ticket, which wakes the
  // page's long-poll): the answer is 401, and the page says so and shows the login form.
  await page.evaluate(async (csrf) => {
    await fetch('/v1/logout', { method: 'POST', headers: { 'X-CSRF-Token': csrf }, cache: 'no-store' });
  }, csrfSeen);
  signal('expired');
  await untilText(page, '#login-msg', 'sessie is verlopen', 40000);
  await finalChecks(page);
  log('ok');
}

async function reconnect(browser) {
  const { page } = await watchedPage(browser);
  await openCounter(page);
  await login(page, a.location, a.user, a.password);
  await page.evaluate(() => { window.__noReload = true; });
  signal('ready');
  await untilText(page, '#conn', 'Verbinding met de server verbroken — we proberen het opnieuw', 30000);
  if (await page.locator('#conn[role="alert"]').count() !== 1) fail('the banner is not an alert');
  signal('banner');
  await until(page, () => document.getElementById('conn').hidden, 'the banner to go once the service is back', undefined, 40000);
  await untilText(page, '#status', 'Weer verbonden');
  await untilRow(page, 'waiting-table', a.code, true, 30000);
  if (!(await page.evaluate(() => window.__noReload === true))) fail('the page reloaded instead of reconnecting');
  await finalChecks(page);
  log('ok');
}

async function other(browser) {
  const { page } = await watchedPage(browser);
  await openCounter(page);
  await login(page, a.otherLocation, a.otherUser, a.otherPassword);
  const shown = await page.locator('#main').innerText();
  for (const code of a.foreignCodes) if (shown.includes(code)) fail(`staff of ${a.otherLocation} see ${code} of ${a.location}`);
  const waiting = await codesIn(page, 'waiting-table');
  if (waiting.length) fail(`staff of ${a.otherLocation} see a waiting list: ${waiting.join(', ')}`);
  // Their session on the first location's ticket: not found.
  const status = await page.evaluate(async ([id, csrf]) => {
    const r = await fetch(`/v1/tickets/${id}/recall`, {
      method: 'POST', credentials: 'same-origin', cache: 'no-store',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: '{}',
    });
    return r.status;
  }, [a.foreignId, csrfSeen]);
  if (status !== 404) fail(`a recall of ${a.location}'s ticket by ${a.otherLocation}'s session answered ${status}, not 404`);
  // Nor can they call it by its code, or as the next.
  await page.getByLabel('Roepen op code').fill(a.foreignCodes[0]);
  await page.getByLabel('Roepen op code').press('Enter');
  await untilText(page, '#status', 'Geen wachtend nummer heeft die code');
  await pressKey(page, 'F1');
  await untilText(page, '#status', 'Niemand wacht voor deze onderwerpen');
  // A POST without the CSRF token is refused (403 csrf_failed).
  const noCsrf = await page.evaluate(async () => (await fetch('/v1/desks/1/next', {
    method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: '{}',
  })).status);
  if (noCsrf !== 403) fail(`a POST without X-CSRF-Token answered ${noCsrf}, not 403`);
  await finalChecks(page);
  log('ok');
}

// ---- issue 18: tickets joined from home, and the "Terugbellen" tab ----
// The rows of the call-back table: reference, and what the row says.
async function callbackRows(page) {
  return page.evaluate(() => [...document.querySelectorAll('#cb-table tbody tr')].map((r) => ({
    reference: r.dataset.reference,
    cells: [...r.cells].map((c) => c.textContent.trim()),
    tel: r.querySelector('a.tel') ? r.querySelector('a.tel').getAttribute('href') : null,
    buttons: [...r.querySelectorAll('button')].map((b) => b.textContent.trim()),
  })));
}
async function untilCallbacks(page, what, fn, arg) {
  await until(page, fn, what, arg);
  return callbackRows(page);
}
// Whether the page or its storage hold any of `digits` (the numbers' last nine digits).
async function holdsNumber(page, digits) {
  const seen = await page.evaluate(() =>
    [document.body.innerText, document.documentElement.outerHTML, JSON.stringify({ ...localStorage }),
      JSON.stringify({ ...sessionStorage })].join('\n').replace(/\D/g, ''));
  return digits.filter((d) => seen.includes(d));
}

async function callbacks(browser) {
  const { page } = await watchedPage(browser);
  await openCounter(page);
  await login(page, a.location, a.user, a.password);

  // A ticket joined from home has its "thuis" mark beside the code; a kiosk's ticket has none.
  await untilRow(page, 'waiting-table', a.remoteCode);
  const marks = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#waiting-table tbody tr')]
    .map((r) => [r.dataset.code, r.querySelector('.remote') ? r.querySelector('.remote').textContent : null])));
  if (marks[a.remoteCode] !== 'thuis') fail(`${a.remoteCode} in the waiting list has no "thuis" mark: ${JSON.stringify(marks)}`);
  if (marks[a.kioskCode] !== null) fail(`the kiosk's ${a.kioskCode} has a "thuis" mark: ${JSON.stringify(marks)}`);

  // Called to my desk (typed as a person would: "sw1"): the mark at the desk and in the called list, and
  // "Later opnieuw" beside "Niet gekomen".
  await page.getByLabel('Roepen op code').fill('sw1');
  await page.getByLabel('Roepen op code').press('Enter');
  await untilText(page, '#current-code', a.remoteCode);
  if (!(await page.locator('#current-remote').isVisible())) fail('the desk shows no "thuis" mark for a remote ticket');
  await untilRow(page, 'called-table', a.remoteCode);
  if ((await text(page, `#called-table tr[data-code="${a.remoteCode}"] .remote`)) !== 'thuis')
    fail(`${a.remoteCode} in the called list has no "thuis" mark`);
  const later = page.getByRole('button', { name: 'Later opnieuw', exact: true });
  if (!(await later.isVisible()) || !(await later.isEnabled())) fail('"Later opnieuw" is not offered for a called remote ticket');
  if (a.shotRemote) await page.screenshot({ path: a.shotRemote });
  await later.click();
  await untilText(page, '#status', `${a.remoteCode} wacht weer`);
  await until(page, () => !document.getElementById('current-none').hidden, 'the desk to be free after "later"');
  await untilRow(page, 'waiting-table', a.remoteCode);
  const q = await serviceQueue(page);
  const back = q.body.waiting.find((t) => t.code === a.remoteCode);
  if (!back || back.remote !== true) fail(`the service does not have ${a.remoteCode} waiting again: ${JSON.stringify(q.body.waiting)}`);
  if ((await later.isVisible())) fail('"Later opnieuw" still shows with nobody at the desk');
  // A kiosk's ticket at the desk: its resident was in the room, so no "later" and no mark.
  await page.getByLabel('Roepen op code').fill(a.kioskCode);
  await page.getByLabel('Roepen op code').press('Enter');
  await untilText(page, '#current-code', a.kioskCode);
  if (await later.isVisible()) fail('"Later opnieuw" is offered for a kiosk ticket');
  if (await page.locator('#current-remote').isVisible()) fail('a kiosk ticket at the desk has the "thuis" mark');
  await pressKey(page, 'F3');
  await untilText(page, '#status', `${a.kioskCode}: geholpen`);

  // Terugbellen: oldest first; the colleague's request says so and offers nothing; no number anywhere.
  await page.getByRole('tab', { name: 'Terugbellen' }).click();
  let rows = await untilCallbacks(page, 'the call-back requests to be listed',
    (n) => document.querySelectorAll('#cb-table tbody tr').length === n, a.references.length);
  if (JSON.stringify(rows.map((r) => r.reference)) !== JSON.stringify(a.references))
    fail(`the requests are listed as ${rows.map((r) => r.reference).join(', ')}, not oldest first ${a.references.join(', ')}`);
  const [mine, colleague, third] = rows;
  if (mine.cells[1] !== 'Geldzorgen en schulden' || mine.cells[2] !== 'ochtend' || mine.cells[4] !== '0')
    fail(`the first request shows ${JSON.stringify(mine.cells)}`);
  if (!mine.cells[3]) fail('the first request does not say when it was made');
  if (colleague.cells[1] !== 'Werk en inkomen' || colleague.cells[2] !== 'middag' || colleague.cells[5] !== 'Een collega belt' || colleague.buttons.length)
    fail(`the colleague's request shows ${JSON.stringify(colleague)}`);
  if (third.cells[2] !== 'maakt niet uit' || JSON.stringify(third.buttons) !== '["Bellen"]') fail(`the third request shows ${JSON.stringify(third)}`);
  let held = await holdsNumber(page, a.digits);
  if (held.length) fail(`the page shows a number nobody here has taken: …${held.join(', …')}`);
  await axeCheck(page, 'call-back requests');

  // "Bellen": the number, as a tel: link, for me; the outcomes beside it.
  await page.getByRole('button', { name: `Bellen: ${a.references[0]}`, exact: true }).click();
  rows = await untilCallbacks(page, 'the number of the taken request',
    (ref) => !!document.querySelector(`#cb-table tr[data-reference="${ref}"] a.tel`), a.references[0]);
  if (!rows[0].tel || !rows[0].tel.replace(/\D/g, '').endsWith(a.digits[0]))
    fail(`the taken request's link is ${rows[0].tel}, not tel: its number`);
  if (JSON.stringify(rows[0].buttons) !== '["Bereikt","Niet bereikt","Afgerond"]') fail(`the taken request offers ${rows[0].buttons}`);
  await untilText(page, '#status', `U belt ${a.references[0]}`);
  if (!(await page.evaluate(() => document.activeElement && document.activeElement.classList.contains('tel'))))
    fail('the focus is not on the number to call');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  if (stored.replace(/\D/g, '').includes(a.digits[0])) fail('the number went into the browser storage');
  await axeCheck(page, 'a call-back request taken');
  if (a.shotCallbacks) await page.screenshot({ path: a.shotCallbacks });
  const taken = await page.evaluate(async (id) => (await (await fetch('/v1/callbacks', { cache: 'no-store' })).json())
    .callbacks.find((c) => c.id === id), a.ids[0]);
  if (!taken || taken.state !== 'taken' || !taken.taken_by_me) fail(`the service does not have the request taken by me: ${JSON.stringify(taken && taken.state)}`);

  // "Bereikt": gone from the list, and the number from the page.
  await page.getByRole('button', { name: `Bereikt: ${a.references[0]}`, exact: true }).click();
  rows = await untilCallbacks(page, 'the reached request to leave the list',
    (ref) => !document.querySelector(`#cb-table tr[data-reference="${ref}"]`), a.references[0]);
  await untilText(page, '#status', `${a.references[0]}: bereikt`);
  held = await holdsNumber(page, a.digits);
  if (held.length) fail(`the number stays on the page after the outcome: …${held.join(', …')}`);

  // The third: "Niet bereikt" puts it back open to try again, one attempt more, the number gone again.
  await page.getByRole('button', { name: `Bellen: ${a.references[2]}`, exact: true }).click();
  await untilCallbacks(page, 'the third number', (ref) => !!document.querySelector(`#cb-table tr[data-reference="${ref}"] a.tel`), a.references[2]);
  await page.getByRole('button', { name: `Niet bereikt: ${a.references[2]}`, exact: true }).click();
  rows = await untilCallbacks(page, 'the third request back open with one attempt', (ref) => {
    const r = document.querySelector(`#cb-table tr[data-reference="${ref}"]`);
    return r !== null && r.cells[4].textContent === '1' && !r.querySelector('a.tel');
  }, a.references[2]);
  if (JSON.stringify(rows.find((r) => r.reference === a.references[2]).buttons) !== '["Bellen"]') fail('the request not reached cannot be called again');
  await untilText(page, '#status', 'niet bereikt');
  held = await holdsNumber(page, a.digits);
  if (held.length) fail(`a number stays on the page after "niet bereikt": …${held.join(', …')}`);
  // A request a colleague has: the service's 409 comes back in words.
  const refused = await page.evaluate(async ([id, csrf]) => {
    const r = await fetch(`/v1/callbacks/${id}/take`, { method: 'POST', cache: 'no-store', headers: { 'X-CSRF-Token': csrf } });
    return r.status;
  }, [a.ids[1], csrfSeen]);
  if (refused !== 409) fail(`taking the colleague's request answered ${refused}, not 409`);
  // A kiosk hands in a new request while the tab is open: it shows by itself (the long-poll), no reload.
  await page.evaluate(() => { window.__noReload = true; });
  signal('listening');
  await untilCallbacks(page, `${a.newReference} to show without a reload`,
    (ref) => !!document.querySelector(`#cb-table tr[data-reference="${ref}"]`), a.newReference);
  if (!(await page.evaluate(() => window.__noReload === true))) fail('the page reloaded instead of updating');
  signal('callbacks-done');
  await finalChecks(page);
  log('ok');
}

// Staff of another location: an empty tab, and the service's 403 on the first location's request.
async function callbacksOther(browser) {
  const { page } = await watchedPage(browser);
  await openCounter(page);
  await login(page, a.otherLocation, a.otherUser, a.otherPassword);
  await page.getByRole('tab', { name: 'Terugbellen' }).click();
  await untilText(page, '#cb-msg', 'Er wil nu niemand teruggebeld worden.');
  if (await page.locator('#cb-table').isVisible()) fail('the empty tab shows a table');
  const shown = await page.locator('#main').innerText();
  for (const ref of a.references) if (shown.includes(ref)) fail(`staff of ${a.otherLocation} see ${ref}`);
  const status = await page.evaluate(async ([id, csrf]) => {
    const r = await fetch(`/v1/callbacks/${id}/take`, { method: 'POST', cache: 'no-store', headers: { 'X-CSRF-Token': csrf } });
    return r.status;
  }, [a.ids[0], csrfSeen]);
  if (status !== 403) fail(`taking ${a.location}'s request from ${a.otherLocation} answered ${status}, not 403`);
  await axeCheck(page, 'call-back requests, none');
  await finalChecks(page);
  log('ok');
}

const CASES = { flow, live, reconnect, other, callbacks, callbacksOther };
let browser;
let code = 0;
try {
  if (!CASES[which]) fail(`unknown case ${which}`);
  browser = await launchFor(a.base, fs.readFileSync(a.ca));
  await CASES[which](browser);
} catch (e) {
  console.error(`web_counter.spec[${which}]: FAIL: ${e && e.message ? e.message.split('\n')[0] : String(e)}`);
  code = 1;
} finally {
  if (browser) await browser.close();
}
process.exit(code);
