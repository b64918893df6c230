// Shared pieces of the browser tests: start the real `taawun` binary on a free port with a fresh
// SQLite database and demo data, launch Debian's Chromium, and check pages with axe-core.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const DEMO_PASSWORD = 'taawun-demo-2026';

export async function startServer() {
  const bin = process.env.TAAWUN_BIN || join(root, 'target', 'debug', 'taawun');
  const dir = mkdtempSync(join(tmpdir(), 'taawun-browser-'));
  const child = spawn(bin, ['serve', '--demo', '--addr', '127.0.0.1:0', '--database', `sqlite://${join(dir, 'db.sqlite')}`,
    '--signing-key', join(dir, 'signing.key')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TAAWUN_LOG: 'warn' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s: ${stderr}`)), 60_000);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/running at (http:\/\/[^\s/]+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}: ${stderr}`)); });
    child.on('error', (e) => { clearTimeout(timer); reject(new Error(`cannot start ${bin}: ${e.message}`)); });
  });
  return {
    url,
    /** The one-time link (a path) of the newest message of `topic` written to `email`, read as
     *  the office would without a mail relay: `taawun admin personal-data`. */
    linkSentTo(email, topic) {
      const out = execFileSync(bin, ['admin', 'personal-data', '--email', email,
        '--database', `sqlite://${join(dir, 'db.sqlite')}`], { env: { ...process.env, TAAWUN_LOG: 'warn' } });
      const messages = JSON.parse(out.toString()).messages.filter((m) => m.topic === topic);
      const body = messages[messages.length - 1]?.body ?? '';
      return body.match(/\/account\/[a-z-]+\/[0-9a-f]{64}/)?.[0];
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

/** A fresh visitor (no cookies), on a phone-sized screen. */
/** Signs in at `base` with a demo account (DEMO_PASSWORD) and waits to land on `next`. */
export async function signInAs(page, base, email, next) {
  await page.goto(base + '/account/sign-in?next=' + encodeURIComponent(next));
  await page.fill('#email', email);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('main button[type=submit]');
  await page.waitForURL(base + next);
}

export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
  return context.newPage();
}

/** Runs axe-core (WCAG 2.1 A and AA rules) and returns the violations, readable. */
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
