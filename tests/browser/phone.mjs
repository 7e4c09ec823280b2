// What the browser specs share: Debian's Chromium driven by playwright-core, trusting exactly the test
// server's key, and a phone's viewport (a plain --window-size in headless mode is not a true phone).
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import tls from 'node:tls';

export const PHONE = { width: 390, height: 844 };

// A module from the npm prefix the C++ test installed into (PLAYWRIGHT_DIR): ESM ignores NODE_PATH.
export function requireFromPrefix(name) {
  if (!process.env.PLAYWRIGHT_DIR) throw new Error('PLAYWRIGHT_DIR (where npm installed the modules) is not set');
  return createRequire(path.join(process.env.PLAYWRIGHT_DIR, 'package.json'))(name);
}
export function resolveFromPrefix(name) {
  return createRequire(path.join(process.env.PLAYWRIGHT_DIR, 'package.json')).resolve(name);
}

// Trust the test CA rather than ignore certificate errors: node verifies the server against the CA
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

export async function launchFor(url, ca) {
  const { chromium } = requireFromPrefix('playwright-core');
  const pin = await verifiedKeyPin(new URL(url), ca);
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    // Without the background-networking flags Chromium keeps trying to reach Google on a closed network.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--ignore-certificate-errors-spki-list=${pin}`],
  });
}

// A phone in `locale` (its Accept-Language too, which the unknown-ticket page goes by).
export function phoneContext(browser, locale) {
  return browser.newContext({
    viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
    ...(locale ? { locale, extraHTTPHeaders: { 'Accept-Language': locale } } : {}),
  });
}

// A page that collects errors: a CSP violation (say, a nonce that does not match) is a console error.
export async function watchedPage(context) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { page, errors };
}
