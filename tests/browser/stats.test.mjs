// The statistics pages in a real browser: table, chart and map render without JavaScript,
// the map links to the regional fact sheet, and every page passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, axeViolations } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('statistics by region: table, chart and map, then the regional fact sheet', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/stats');
  assert.equal(await page.locator('figure.map svg a').count(), 12);
  assert.ok(await page.locator('figure.chart svg').isVisible());
  const rows = await page.locator('table.table tbody tr').count();
  assert.equal(rows, 12);
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('table.table a[href="/stats/regions/08"]').click();
  await page.waitForURL('**/stats/regions/08');
  assert.match(await page.locator('h1').innerText(), /درعة-تافيلالت/);
  assert.deepEqual(await axeViolations(page), []);
});

test('two dimensions give a pivot table, in French', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/lang/fr?next=%2Fstats');
  await page.selectOption('#by', 'region,sector');
  await page.click('main button[type=submit]');
  await page.waitForURL('**/stats?by=region%2Csector**');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.ok(await page.locator('caption', { hasText: 'Région × Secteur' }).isVisible());
  assert.deepEqual(await axeViolations(page), []);
});
