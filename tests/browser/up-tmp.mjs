import { chromium } from 'playwright-core';
import { signInAs } from './harness.mjs';
const base = 'http://127.0.0.1:8091';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
await signInAs(page, base, 'manager@demo.taawun.example', '/account');
const space = await page.locator('main a[href$="/space"]').first().getAttribute('href');
for (const file of ['/tmp/big.pdf', '/tmp/huge.pdf']) {
  await page.goto(base + space + '/documents');
  await page.selectOption('select', { index: 1 }).catch(() => {});
  await page.setInputFiles('input[type=file]', file);
  try {
    await page.locator('form:has(input[type=file]) button[type=submit]').click();
    await page.waitForLoadState();
    console.log('---', file, page.url());
    console.log((await page.locator('main').innerText()).slice(0, 300));
  } catch (e) { console.log('ERR', file, e.message.slice(0, 200)); }
}
await browser.close();
