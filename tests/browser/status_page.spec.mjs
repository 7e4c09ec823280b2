// The resident's status page in a real browser: Debian's Chromium driven by playwright-core at a phone's
// viewport (a plain --window-size in headless mode is not a true phone viewport). Run by status_page_test.cpp.
//
//   node status_page.spec.mjs URL CA_FILE SCREENSHOT_PATH [--code C] [--position N]
//                             [--desk D --ready FILE [--turn TEXT]]
//
// PLAYWRIGHT_DIR is the npm prefix that holds node_modules/playwright-core. With --desk, it writes FILE
// once the first checks pass (so the test may call the ticket now) and then waits for "desk D" to appear
// without a reload, in the page's live region (with TEXT, "your turn", beside it). Exits 0 when all is well, 1 with one clear line on stderr otherwise.
import fs from 'node:fs';

import { launchFor, phoneContext, PHONE, watchedPage } from './phone.mjs';

const [url, caFile, shot, ...rest] = process.argv.slice(2);
const opt = {};
for (let i = 0; i + 1 < rest.length; i += 2) opt[rest[i].replace(/^--/, '')] = rest[i + 1];

function fail(message) {
  console.error(`status_page.spec: FAIL: ${message}`);
  process.exit(1);
}
if (!url || !caFile || !shot) fail('usage: node status_page.spec.mjs URL CA_FILE SCREENSHOT_PATH [options]');

let browser;
try {
  browser = await launchFor(url, fs.readFileSync(caFile));
  const { page, errors } = await watchedPage(await phoneContext(browser));

  // The page's own script must run under its CSP and poll the JSON (connect-src 'self').
  const polled = page.waitForResponse((r) => r.url().includes('/v1/public/tickets/'), { timeout: 15000 });
  const response = await page.goto(url, { waitUntil: 'load' });
  if (response.status() !== 200) fail(`the page answered ${response.status()}, not 200`);

  const code = page.locator('#code');
  await code.waitFor({ state: 'visible', timeout: 10000 });
  const codeText = (await code.textContent()).trim();
  if (opt.code && codeText !== opt.code) fail(`the page shows code "${codeText}", not "${opt.code}"`);
  const pos = page.locator('#pos');
  if (!(await pos.isVisible())) fail('the position in line is not visible');
  const posText = (await pos.textContent()).trim();
  if (opt.position && posText !== opt.position) fail(`the page shows position ${posText}, not ${opt.position}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > PHONE.width) fail(`the page is ${width}px wide: wider than the phone (${PHONE.width}px)`);

  if ((await polled.catch(() => null)) === null) fail('the page did not poll /v1/public/tickets/ within 15 s');
  if (opt.desk) {
    // A mark in the page's window: a reload would wipe it, so it proves the change came in place.
    await page.evaluate(() => { window.__noReload = true; });
    // The state lives in one live region that is there from the start: a screen reader only announces
    // changes inside a region it already knows, so the region must not be made or replaced by the update.
    const live = page.locator('[aria-live="polite"], [aria-live="assertive"]');
    if ((await live.count()) !== 1) fail(`${await live.count()} live regions on the page, not 1`);
    await live.evaluate((e) => { e.__sameRegion = true; });
    fs.writeFileSync(opt.ready, 'ready\n');
    await page
      .waitForFunction((d) => {
        const e = document.getElementById('desk');
        return e !== null && e.textContent === d && e.offsetParent !== null;
      }, opt.desk, { timeout: 30000 })
      .catch(() => fail(`"desk ${opt.desk}" did not appear within 30 s of the call`));
    if (!(await page.evaluate(() => window.__noReload === true))) fail('the page reloaded instead of updating');
    if (await pos.isVisible()) fail('the position in line is still shown after the call');
    if (!(await live.evaluate((e) => e.__sameRegion === true))) fail('the live region was replaced, not updated');
    // What assistive technology gets: the region's accessibility tree, now with the call in it.
    const heard = await live.ariaSnapshot();
    if (opt.turn && !heard.includes(opt.turn)) fail(`the live region does not say "${opt.turn}": ${heard}`);
    if (!heard.includes(opt.desk)) fail(`the live region does not name desk ${opt.desk}: ${heard}`);
  }
  if (errors.length) fail(`the browser reported errors: ${errors.join(' | ')}`);
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`status_page.spec: ok (code ${codeText}, position ${posText}${opt.desk ? `, desk ${opt.desk}` : ''})`);
} catch (e) {
  fail(e && e.message ? e.message.split('\n')[0] : String(e));
} finally {
  if (browser) await browser.close();
}
