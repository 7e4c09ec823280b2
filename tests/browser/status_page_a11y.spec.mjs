// The resident's status page under axe-core, in every state and every language, on a phone in Debian's
// Chromium. Run by status_page_a11y_test.cpp, which puts tickets into each state on a real wijkqueue.
//
//   node status_page_a11y.spec.mjs CASES_JSON CA_FILE SHOT_DIR
//
// CASES_JSON: [{"lang", "dir", "state", "url", "http", "topic"?, "wait"?, "offline"?}]; PLAYWRIGHT_DIR is
// the npm prefix with playwright-core and axe-core. Prints one line per page; exits 1 after listing every
// violation (rule id, impact, the elements) and every failed check, 0 when there are none.
import fs from 'node:fs';

import { launchFor, phoneContext, PHONE, resolveFromPrefix, watchedPage } from './phone.mjs';

const [casesFile, caFile, shotDir] = process.argv.slice(2);
if (!casesFile || !caFile || !shotDir) {
  console.error('usage: node status_page_a11y.spec.mjs CASES_JSON CA_FILE SHOT_DIR');
  process.exit(1);
}
const cases = JSON.parse(fs.readFileSync(casesFile, 'utf8'));
const axeSource = fs.readFileSync(resolveFromPrefix('axe-core/axe.min.js'), 'utf8');

// WCAG 2.0/2.1/2.2 A and AA and axe's best practices (headings, landmarks, regions), plus AAA contrast:
// the page aims at 7:1 for all its text.
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  rules: { 'color-contrast-enhanced': { enabled: true } },
};
// Rules that must have looked at the page (passed or failed), so a page that axe could not read, or a
// misspelt option, does not pass by checking nothing.
const MUST_RUN = ['color-contrast', 'color-contrast-enhanced', 'page-has-heading-one', 'landmark-one-main',
  'region', 'html-has-lang', 'html-lang-valid', 'document-title'];

const problems = [];
let runs = 0;

async function axeCheck(page, label) {
  await page.evaluate(axeSource);  // by the DevTools protocol, which the page's CSP does not govern
  const r = await page.evaluate((o) => window.axe.run(document, o), AXE_OPTIONS);
  runs += 1;
  if (runs === 1) console.log(`status_page_a11y.spec: axe-core ${r.testEngine.version}`);
  for (const v of r.violations) {
    const where = v.nodes.map((n) => n.target.join(' ')).join(', ');
    problems.push(`${label}: ${v.id} (${v.impact}) at ${where}: ${v.help}`);
  }
  // "Incomplete" contrast means axe could not measure it: that is no pass.
  for (const v of r.incomplete.filter((i) => i.id.startsWith('color-contrast'))) {
    problems.push(`${label}: ${v.id} could not be measured at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  const looked = new Set([...r.passes, ...r.violations].map((x) => x.id));
  for (const id of MUST_RUN.filter((m) => !looked.has(m))) problems.push(`${label}: axe rule ${id} did not run`);
  return r.violations.length;
}

// What axe does not judge for us: the page's language and direction, one visible <h1>, a <main>, the
// state in the live region, the topic's name, the wait's grammar, and no sideways scrolling on a phone.
async function checkPage(page, c, label) {
  const fact = await page.evaluate((state) => {
    const live = document.querySelectorAll('[aria-live="polite"],[aria-live="assertive"]');
    const h1 = [...document.querySelectorAll('h1')];
    const text = (id) => (document.getElementById(id) ? document.getElementById(id).innerText.trim() : null);
    return {
      lang: document.documentElement.lang, dir: document.documentElement.dir, title: document.title.trim(),
      h1: h1.length, h1Text: h1.length ? h1[0].innerText.trim() : '', mains: document.querySelectorAll('main').length,
      lives: live.length, inLive: live.length === 1 && live[0].querySelector(`#s-${state}`) !== null,
      stateShown: !!document.getElementById(`s-${state}`) && document.getElementById(`s-${state}`).offsetParent !== null,
      topic: text('topic'), wait: text('wait'), width: document.documentElement.scrollWidth,
    };
  }, c.state);
  const expect = (ok, what) => { if (!ok) problems.push(`${label}: ${what}`); };
  expect(fact.lang === c.lang, `<html lang> is "${fact.lang}", not "${c.lang}"`);
  expect(fact.dir === c.dir, `<html dir> is "${fact.dir}", not "${c.dir}"`);
  expect(fact.title !== '', 'the page has no <title>');
  expect(fact.h1 === 1 && fact.h1Text !== '', `${fact.h1} <h1> (with text "${fact.h1Text}"), not one with text`);
  expect(fact.mains === 1, `${fact.mains} <main> landmarks, not 1`);
  expect(fact.width <= PHONE.width, `the page is ${fact.width}px wide, wider than the phone (${PHONE.width}px)`);
  if (c.state === 'unknown') return;
  expect(fact.stateShown, `the "${c.state}" part is not shown`);
  expect(fact.lives === 1 && fact.inLive, `the "${c.state}" part is not inside the page's one live region`);
  expect(fact.topic === c.topic, `the topic reads "${fact.topic}", not "${c.topic}"`);
  if (c.wait) expect(fact.wait === c.wait, `the wait reads "${fact.wait}", not "${c.wait}"`);
}

async function visit(browser, c) {
  const label = `${c.lang}/${c.state}`;
  const context = await phoneContext(browser, c.lang);
  const { page, errors } = await watchedPage(context);
  try {
    // A waiting page is checked after its script's first poll, so the script's own wording is judged.
    const polled = c.state === 'waiting'
      ? page.waitForResponse((r) => r.url().includes('/v1/public/tickets/'), { timeout: 15000 }) : null;
    const response = await page.goto(c.url, { waitUntil: 'load' });
    if (response.status() !== c.http) problems.push(`${label}: the page answered ${response.status()}, not ${c.http}`);
    if (polled && !(await polled.then((r) => r.ok()).catch(() => false))) problems.push(`${label}: no poll within 15 s`);
    await checkPage(page, c, label);
    const found = await axeCheck(page, label);
    await page.screenshot({ path: `${shotDir}/status-${c.lang}-${c.state}.png`, fullPage: true });
    // The browser's own line for the unknown ticket's 404 is no fault of the page.
    const real = errors.filter((e) => !(c.http === 404 && /status of 404/.test(e)));
    if (real.length) problems.push(`${label}: the browser reported errors: ${real.join(' | ')}`);
    console.log(`status_page_a11y.spec: ${label}: ${found} violations`);

    if (c.offline) {
      // Offline: the phone loses its network; the next poll fails and the page says so in the live region.
      const before = errors.length;
      await context.setOffline(true);
      const shown = await page.waitForFunction(() => {
        const off = document.getElementById('off');
        return off && off.offsetParent !== null && off.closest('[aria-live]') !== null;
      }, null, { timeout: 15000 }).then(() => true).catch(() => false);
      const olabel = `${c.lang}/offline`;
      if (!shown) problems.push(`${olabel}: the "no connection" line did not appear in the live region within 15 s`);
      await checkPage(page, c, olabel);
      const off = await axeCheck(page, olabel);
      await page.screenshot({ path: `${shotDir}/status-${c.lang}-offline.png`, fullPage: true });
      const real2 = errors.slice(before).filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e));
      if (real2.length) problems.push(`${olabel}: the browser reported errors: ${real2.join(' | ')}`);
      console.log(`status_page_a11y.spec: ${olabel}: ${off} violations`);
    }
  } finally {
    await context.close();
  }
}

let browser;
try {
  browser = await launchFor(cases[0].url, fs.readFileSync(caFile));
  for (const c of cases) await visit(browser, c);
} catch (e) {
  problems.push(`the spec stopped: ${e && e.message ? e.message.split('\n')[0] : String(e)}`);
} finally {
  if (browser) await browser.close();
}
console.log(`status_page_a11y.spec: ${runs} axe runs, ${problems.length} problems`);
for (const p of problems) console.error(`status_page_a11y.spec: FAIL: ${p}`);
process.exit(problems.length ? 1 : 0);
