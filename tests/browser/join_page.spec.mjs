// Joining from home (/join/{location}) and "bel mij terug" in a real browser: Debian's Chromium driven by
// playwright-core at a phone's viewport, judged by axe-core, against the real wijkqueue join_page_test.cpp
// started.
//
//   node join_page.spec.mjs CASE ARGS_JSON
//
// ARGS_JSON (written by the test): base, ca, dir (where the spec and the test leave marker files for each
// other), location, and per case what it needs (screenshot paths, the expected place in line).
// CASE:
//   join      pick a topic, land on the ticket's status page; once the test has called others, "come in
//             now" shows (and the title says it) without a reload; once the test calls the ticket, "your
//             turn" and the desk show. Markers: DIR/joined (the status page's token), DIR/come-in.
//   nojs      the same join with JavaScript off: the form posts and the status page shows the ticket.
//             Marker: DIR/joined.
//   callback  the call-back form: a wrong number is said beside the field, then sent right it thanks with
//             a reference. Marker: DIR/reference.
// Every case also fails on a console error, a page error or a page wider than the phone. Exits 0 when
// all is well, 1 with one clear line on stderr otherwise.
import fs from 'node:fs';
import path from 'node:path';

import { launchFor, PHONE, resolveFromPrefix } from './phone.mjs';

const [which, argsFile] = process.argv.slice(2);
class Fail extends Error {}
function fail(message) {
  throw new Fail(message);
}
if (!which || !argsFile) {
  console.error('usage: node join_page.spec.mjs join|nojs|callback ARGS_JSON');
  process.exit(2);
}
const a = JSON.parse(fs.readFileSync(argsFile, 'utf8'));
const marker = (name) => path.join(a.dir, name);

// WCAG 2.x A and AA and axe's best practices, as the status page's own axe test runs them.
const axeSource = fs.readFileSync(resolveFromPrefix('axe-core/axe.min.js'), 'utf8');
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
};
const MUST_RUN = ['color-contrast', 'html-has-lang', 'landmark-one-main', 'page-has-heading-one', 'document-title'];
const a11yProblems = [];
async function axeCheck(page, label, mustRun = MUST_RUN) {
  await page.evaluate(axeSource); // by the DevTools protocol, which the page's CSP does not govern
  const r = await page.evaluate((o) => window.axe.run(document, o), AXE_OPTIONS);
  for (const v of r.violations)
    a11yProblems.push(`${label}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}: ${v.help}`);
  const looked = new Set([...r.passes, ...r.violations].map((x) => x.id));
  for (const id of mustRun) if (!looked.has(id)) a11yProblems.push(`${label}: axe rule ${id} did not run`);
}

const errors = [];
// Answers the spec asks for itself (a form sent wrong on purpose gets 422): Chromium logs each non-2xx as
// "Failed to load resource"; that is no error then. Any other red line fails the run.
const expectedStatuses = new Set();
async function phonePage(browser, javaScriptEnabled = true) {
  const context = await browser.newContext({
    viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2, javaScriptEnabled,
    locale: 'nl-NL', extraHTTPHeaders: { 'Accept-Language': 'nl-NL,nl;q=0.9' },
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`page error: ${String(e)}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const status = /^Failed to load resource: the server responded with a status of (\d{3})/.exec(m.text());
    if (!status || !expectedStatuses.has(Number(status[1]))) errors.push(`console: ${m.text()}`);
  });
  return page;
}

async function until(page, fn, what, arg, timeout = 30000) {
  await page.waitForFunction(fn, arg, { timeout, polling: 100 }).catch(() => fail(`timed out waiting for ${what}`));
}
async function fitsThePhone(page, label) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > PHONE.width) fail(`${label} is ${width}px wide: wider than the phone (${PHONE.width}px)`);
}
async function visibleText(page, selector) {
  const l = page.locator(selector);
  if (!(await l.isVisible())) return null;
  return ((await l.textContent()) || '').trim();
}

// The join page, then a tap on a topic: the phone lands on the ticket's status page. Returns its token.
async function joinByTopic(page, js) {
  const response = await page.goto(`${a.base}/join/${a.location}`, { waitUntil: 'load' });
  if (response.status() !== 200) fail(`/join/${a.location} answered ${response.status()}, not 200`);
  const h1 = await visibleText(page, 'h1');
  if (h1 !== a.locationName) fail(`the join page's heading is "${h1}", not "${a.locationName}"`);
  const topic = page.getByRole('button', { name: /Geldzorgen en schulden/ });
  if (!(await topic.isVisible())) fail('the join page does not offer "Geldzorgen en schulden"');
  const said = (await topic.textContent()) || '';
  if (!said.includes(a.waitingLine)) fail(`the topic says "${said.trim()}", not "${a.waitingLine}"`);
  if (await page.getByRole('button', { name: /Iets anders/ }).count()) fail('a topic that is not remote is offered');
  await fitsThePhone(page, 'the join page');
  if (js) {
    await axeCheck(page, 'join page');
    if (a.shotJoin) await page.screenshot({ path: a.shotJoin, fullPage: true });
  }
  await Promise.all([page.waitForURL(/\/t\/[A-Za-z0-9_-]+$/, { timeout: 15000 }), topic.click()]);
  const token = new URL(page.url()).pathname.split('/').pop();
  const code = await visibleText(page, '#code');
  if (!/^S-W\d{2,}$/.test(code || '')) fail(`the status page shows the code "${code}", not one like S-W01`);
  const pos = await visibleText(page, '#pos');
  if (pos !== String(a.position)) fail(`the status page shows place ${pos} in line, not ${a.position}`);
  await fitsThePhone(page, 'the status page');
  fs.writeFileSync(marker('joined'), `${token}\n${code}\n`);
  return code;
}

// ---- the cases ----
async function join(browser) {
  const page = await phonePage(browser);
  const code = await joinByTopic(page, true);
  // Still far back: the come-in line is there for the script, but hidden; the title is the plain one.
  if (await page.locator('#come').isVisible()) fail('"come in now" shows while many are still before');
  const plainTitle = await page.title();
  if (plainTitle.startsWith('Kom nu')) fail(`the title says "${plainTitle}" too early`);
  await page.evaluate(() => { window.__noReload = true; });
  fs.writeFileSync(marker('ready'), 'ready\n');

  // The test calls others until few are before this ticket: the page follows by itself.
  const expected = `Kom nu naar de inloop: er zijn nog ${a.before} mensen voor u.`;
  await until(page, (e) => {
    const c = document.getElementById('come');
    return c !== null && !c.hidden && c.offsetParent !== null && c.textContent === e && document.title === e;
  }, `"${expected}" on the page and in its title`, expected);
  if (!(await page.evaluate(() => window.__noReload === true))) fail('the page reloaded instead of updating');
  const heard = await page.locator('#now').ariaSnapshot();
  if (!heard.includes('Kom nu naar de inloop')) fail(`the live region does not say "come in now": ${heard}`);
  await axeCheck(page, 'status page with "come in now"');
  if (a.shotComeIn) await page.screenshot({ path: a.shotComeIn, fullPage: true });
  fs.writeFileSync(marker('come-in'), 'come-in\n');

  // The test calls this ticket to desk a.desk.
  await until(page, (d) => {
    const called = document.getElementById('s-called');
    const desk = document.getElementById('desk');
    return called !== null && !called.hidden && called.textContent.includes('U bent aan de beurt') &&
      desk !== null && desk.textContent === d && desk.offsetParent !== null;
  }, `"U bent aan de beurt" at desk ${a.desk}`, String(a.desk));
  if (await page.locator('#come').isVisible()) fail('"come in now" still shows after the call');
  const title = await page.title();
  if (!title.includes('U bent aan de beurt')) fail(`the title says "${title}" after the call`);
  if (!(await page.evaluate(() => window.__noReload === true))) fail('the page reloaded instead of updating');
  console.log(`join_page.spec[join]: ok (${code}, come in, called to desk ${a.desk})`);
}

async function nojs(browser) {
  const page = await phonePage(browser, false);
  const code = await joinByTopic(page, false);
  // Proof that scripts were off: only then does the parser read <noscript>'s content as markup, so the
  // status page's refresh (its way to stay current without a script) is an element of the page.
  const refresh = await page.locator('meta[http-equiv="refresh"]').count();
  if (refresh !== 1) fail(`the status page has ${refresh} <meta http-equiv=refresh> elements: was JavaScript off?`);
  console.log(`join_page.spec[nojs]: ok (${code})`);
}

// Sends the call-back form by its button, as a finger does; the service must answer `status`.
async function send(page, status) {
  expectedStatuses.add(status);
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/callback'), { timeout: 15000 }),
    page.getByRole('button', { name: 'Bel mij terug' }).click(),
  ]);
  if (answer.status() !== status) fail(`the call-back form's POST answered ${answer.status()}, not ${status}`);
}

async function callback(browser) {
  const page = await phonePage(browser);
  await page.goto(`${a.base}/join/${a.location}`, { waitUntil: 'load' });
  await Promise.all([
    page.waitForURL(/\/callback/, { timeout: 15000 }),
    page.getByRole('link', { name: /terugbellen/ }).click(),
  ]);
  // The form as a resident fills it in.
  await page.getByLabel('Waar gaat het over?').selectOption({ label: 'Geldzorgen en schulden' });
  const phone = page.getByLabel('Uw telefoonnummer');
  await phone.fill(a.phone);
  await page.getByLabel('In de middag').check();
  await page.getByRole('checkbox').check();
  await fitsThePhone(page, 'the call-back form');
  await axeCheck(page, 'call-back form');
  if (a.shotForm) await page.screenshot({ path: a.shotForm, fullPage: true });

  // A number that is no number: said beside the field, which says it is wrong, the choices kept.
  await phone.fill('12');
  await send(page, 422);
  await until(page, () => document.getElementById('phone-err') !== null, 'the error beside the phone field', undefined, 15000);
  const err = await visibleText(page, '#phone-err');
  if (!err || !err.includes('Dit telefoonnummer klopt niet')) fail(`the phone field's error says "${err}"`);
  if ((await phone.getAttribute('aria-invalid')) !== 'true') fail('the wrong phone field is not aria-invalid');
  const described = (await phone.getAttribute('aria-describedby')) || '';
  if (!described.split(' ').includes('phone-err')) fail(`the phone field is not described by its error: "${described}"`);
  if (!(await page.getByLabel('In de middag').isChecked())) fail('the part of the day was not kept');
  if ((await page.getByLabel('Waar gaat het over?').inputValue()) !== 'schulden') fail('the topic was not kept');
  if (!(await page.getByRole('checkbox').isChecked())) fail('the consent was not kept');
  await fitsThePhone(page, 'the call-back form with an error');
  await axeCheck(page, 'call-back form with an error');

  // Put right and sent again.
  await phone.fill(a.phone);
  await send(page, 201);
  await until(page, () => document.querySelector('.ref') !== null, 'the thank-you page', undefined, 15000);
  const heading = await visibleText(page, 'h2');
  if (heading !== 'Dank u. We bellen u terug.') fail(`the thank-you page's heading is "${heading}"`);
  const ref = await visibleText(page, '.ref');
  const m = /Uw kenmerk: (B-[0-9A-F]{6})\./.exec(ref || '');
  if (!m) fail(`the thank-you page says "${ref}", not "Uw kenmerk: B-……"`);
  const body = await page.locator('body').innerText();
  const digits = a.phone.replace(/\D/g, '');
  if (body.replace(/\D/g, '').includes(digits.slice(1))) fail('the thank-you page shows the phone number');
  await fitsThePhone(page, 'the thank-you page');
  await axeCheck(page, 'thank-you page');
  if (a.shotThanks) await page.screenshot({ path: a.shotThanks, fullPage: true });
  fs.writeFileSync(marker('reference'), m[1]);
  console.log(`join_page.spec[callback]: ok (${m[1]})`);
}

const CASES = { join, nojs, callback };
let browser;
let code = 0;
try {
  if (!CASES[which]) fail(`unknown case ${which}`);
  browser = await launchFor(a.base, fs.readFileSync(a.ca));
  await CASES[which](browser);
  if (a11yProblems.length) fail(`accessibility: ${a11yProblems.join(' | ')}`);
  if (errors.length) fail(`the browser reported errors: ${errors.join(' | ')}`);
} catch (e) {
  console.error(`join_page.spec[${which}]: FAIL: ${e && e.message ? e.message.split('\n')[0] : String(e)}`);
  code = 1;
} finally {
  if (browser) await browser.close();
}
process.exit(code);
