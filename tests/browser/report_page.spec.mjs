// The report's printable page in a real browser: Debian's Chromium driven by playwright-core at a laptop's
// viewport, logged in by the web counter's cookie, then printed to a PDF on A4. Run by report_page_test.cpp.
//
//   node report_page.spec.mjs URL CA_FILE COOKIE SCREENSHOT_PATH PDF_PATH --expect TEXT [--forbid TEXT]...
//
// Exits 0 when all is well, 1 with one clear line on stderr otherwise.
import fs from 'node:fs';

import { launchFor, watchedPage } from './phone.mjs';

const [url, caFile, cookie, shot, pdf, ...rest] = process.argv.slice(2);
const expect = [], forbid = [];
for (let i = 0; i + 1 < rest.length; i += 2) (rest[i] === '--expect' ? expect : forbid).push(rest[i + 1]);

function fail(message) {
  console.error(`report_page.spec: FAIL: ${message}`);
  process.exit(1);
}
if (!url || !caFile || !cookie || !shot || !pdf) fail('usage: node report_page.spec.mjs URL CA COOKIE SHOT PDF');

let browser;
try {
  browser = await launchFor(url, fs.readFileSync(caFile));
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const origin = new URL(url).origin;
  const [name, value] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)];
  await context.addCookies([{ name, value, url: origin, secure: true, httpOnly: true, sameSite: 'Strict' }]);
  const { page, errors } = await watchedPage(context);
  const violations = [];
  await page.exposeFunction('__cspViolation', (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  if (response.status() !== 200) fail(`the page answered ${response.status()}, not 200`);
  const csp = response.headers()['content-security-policy'] || '';
  if (!csp.includes("default-src 'none'") || csp.includes('script-src')) fail(`a weak CSP: ${csp}`);
  if ((await page.locator('script').count()) !== 0) fail('the report has a script');

  // One chart per question, each an image with a name for a screen reader.
  const charts = page.locator('svg[role="img"]');
  const count = await charts.count();
  if (count < 6) fail(`${count} charts, not one per question (6)`);
  for (let i = 0; i < count; ++i)
    if ((await charts.nth(i).locator('title').count()) === 0) fail(`chart ${i + 1} has no <title>`);
  // Drawn, not empty: the charts take up room on the page.
  const box = await charts.first().boundingBox();
  if (!box || box.width < 200 || box.height < 50) fail(`the first chart is ${JSON.stringify(box)}`);

  const text = await page.locator('body').innerText();
  for (const t of expect) if (!text.includes(t)) fail(`the page does not say "${t}"`);
  for (const t of forbid) if ((await page.content()).includes(t)) fail(`the page holds "${t}"`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 1366) fail(`the page is ${width}px wide at 1366px`);

  await page.screenshot({ path: shot, fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  if (errors.length) fail(`the browser reported errors: ${errors.join(' | ')}`);
  if (violations.length) fail(`CSP violations: ${violations.join(' | ')}`);
  console.log(`report_page.spec: ok (${count} charts)`);
} catch (e) {
  fail(e && e.message ? e.message.split('\n')[0] : String(e));
} finally {
  if (browser) await browser.close();
}
