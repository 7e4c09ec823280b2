// The resident's status page in a real browser: Debian's Chromium driven by playwright-core at a phone's
// viewport (a plain --window-size in headless mode is not a true phone viewport). Run by status_page_test.cpp.
//
//   node status_page.spec.mjs URL CA_FILE SCREENSHOT_PATH [--code C] [--position N] [--desk D --ready FILE]
//
// PLAYWRIGHT_DIR is the npm prefix that holds node_modules/playwright-core. With --desk, it writes FILE
// once the first checks pass (so the test may call the ticket now) and then waits for "desk D" to appear
// without a reload. Exits 0 when all is well, 1 with one clear line on stderr otherwise.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import tls from 'node:tls';

const [url, caFile, shot, ...rest] = process.argv.slice(2);
const opt = {};
for (let i = 0; i + 1 < rest.length; i += 2) opt[rest[i].replace(/^--/, '')] = rest[i + 1];

function fail(message) {
  console.error(`status_page.spec: FAIL: ${message}`);
  process.exit(1);
}
if (!url || !caFile || !shot) fail('usage: node status_page.spec.mjs URL CA_FILE SCREENSHOT_PATH [options]');
if (!process.env.PLAYWRIGHT_DIR) fail('PLAYWRIGHT_DIR (where playwright-core is installed) is not set');
// ESM ignores NODE_PATH, so load playwright-core from the build dir's npm prefix explicitly.
const { chromium } = createRequire(path.join(process.env.PLAYWRIGHT_DIR, 'package.json'))('playwright-core');

// Trust the test CA rather than ignore certificate errors: node verifies the server against CA_FILE
// (chain and host name), and Chromium is then told to accept exactly that server key.
function verifiedKeyPin(target, ca) {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      { host: target.hostname, port: Number(target.port), servername: target.hostname, ca },
      () => {
        const der = new crypto.X509Certificate(socket.getPeerCertificate().raw).publicKey.export({
          type: 'spki',
          format: 'der',
        });
        socket.end();
        resolve(crypto.createHash('sha256').update(der).digest('base64'));
      },
    );
    socket.on('error', reject);
  });
}

const PHONE = { width: 390, height: 844 };
let browser;
try {
  const pin = await verifiedKeyPin(new URL(url), fs.readFileSync(caFile));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    // Without the background-networking flags Chromium keeps trying to reach Google on a closed network.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--ignore-certificate-errors-spki-list=${pin}`],
  });
  const context = await browser.newContext({
    viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  // A CSP violation (say, a nonce that does not match) shows up as a console error: none may appear.
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

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
    fs.writeFileSync(opt.ready, 'ready\n');
    await page
      .waitForFunction((d) => {
        const e = document.getElementById('desk');
        return e !== null && e.textContent === d && e.offsetParent !== null;
      }, opt.desk, { timeout: 30000 })
      .catch(() => fail(`"desk ${opt.desk}" did not appear within 30 s of the call`));
    if (!(await page.evaluate(() => window.__noReload === true))) fail('the page reloaded instead of updating');
    if (await pos.isVisible()) fail('the position in line is still shown after the call');
  }
  if (errors.length) fail(`the browser reported errors: ${errors.join(' | ')}`);
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`status_page.spec: ok (code ${codeText}, position ${posText}${opt.desk ? `, desk ${opt.desk}` : ''})`);
} catch (e) {
  fail(e && e.message ? e.message.split('\n')[0] : String(e));
} finally {
  if (browser) await browser.close();
}
