// The knowledge base in a real browser, in Arabic and in French: the home page with the guides
// and the questions by topic, a search typed the way a hurried reader types it, the answer page
// with its other language, a guide's table of contents, and an office agent's edit. Every page
// passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, axeViolations, DEMO_PASSWORD } from './harness.mjs';

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

test('Arabic: from the home page, a darija question finds its answer', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/');
  // On a phone the menu is behind its control.
  await page.getByText('القائمة', { exact: true }).click();
  await page.locator('.main-nav nav a[href="/kb"]').click();
  await page.waitForURL('**/kb');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.locator('a[href^="/kb/questions/q"]').count(), 100);
  assert.deepEqual(await axeViolations(page), []);

  await page.fill('#q', 'شحال خاص من عضو باش نأسس تعاونيه');
  await page.click('main button[type=submit]');
  await page.waitForURL('**/kb/search?**');
  const results = page.locator('ol.kb-results > li');
  assert.ok(await results.count() >= 3);
  assert.ok(await page.locator('ol.kb-results mark').count() > 0, 'highlighted words');
  const top3 = await page.locator('ol.kb-results > li h2 a').evaluateAll(
    (links) => links.slice(0, 3).map((a) => a.getAttribute('href')));
  assert.ok(top3.includes('/kb/questions/q002?lang=ar'), top3.join(' '));
  assert.deepEqual(await axeViolations(page), []);

  await page.locator('ol.kb-results a[href="/kb/questions/q002?lang=ar"]').click();
  await page.waitForURL('**/kb/questions/q002?lang=ar');
  assert.match(await page.locator('h1').innerText(), /الحد الأدنى|العدد الأدنى/);
  assert.deepEqual(await axeViolations(page), []);

  // The other language, at its own stable address.
  await page.locator('ul.kb-actions a[hreflang="fr"]').click();
  await page.waitForURL('**/kb/questions/q002?lang=fr');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.match(await page.locator('h1').innerText(), /Combien de membres/);
});

test('French: a guide with its table of contents, search results and the no-result page', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/lang/fr?next=%2Fkb');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.deepEqual(await axeViolations(page), []);

  await page.goto(server.url + '/kb/guides/founding?lang=fr');
  await page.locator('nav.kb-toc a[href="#minimums"]').click();
  assert.ok(await page.locator('h2#minimums').isVisible());
  assert.deepEqual(await axeViolations(page), []);

  await page.goto(server.url + '/kb/search?lang=fr&q=' + encodeURIComponent('capital minimun cooperative'));
  assert.ok(await page.locator('ol.kb-results mark').count() > 0);
  assert.deepEqual(await axeViolations(page), []);

  await page.goto(server.url + '/kb/search?lang=fr&q=' + encodeURIComponent('xylophone zeppelin'));
  assert.ok(await page.locator('a[href="/kb/guides/founding?lang=fr"]').isVisible(), 'suggestions');
  assert.deepEqual(await axeViolations(page), []);

  await page.goto(server.url + '/kb/templates/model-statutes?lang=fr');
  assert.deepEqual(await axeViolations(page), []);
});

test('an office agent edits an answer, and the history shows it', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/account/sign-in?next=' + encodeURIComponent('/kb/questions/q026?lang=fr'));
  await page.fill('#email', 'agent@demo.taawun.example');
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('main button[type=submit]');
  await page.waitForURL('**/kb/questions/q026?lang=fr');
  await page.locator('ul.kb-actions a[href^="/kb/edit/q026"]').click();
  await page.waitForURL('**/kb/edit/q026?lang=fr');
  assert.deepEqual(await axeViolations(page), []);
  const body = await page.inputValue('#kb_body');
  await page.fill('#kb_body', body + '\n\nÀ retenir : gardez le reçu de la banque.');
  await page.click('main button[type=submit]');
  await page.waitForURL('**/kb/questions/q026?lang=fr&saved=2');
  assert.match(await page.locator('main').innerText(), /gardez le reçu de la banque/);
  await page.locator('ul.kb-actions a[href^="/kb/history/q026"]').click();
  await page.waitForURL('**/kb/history/q026?lang=fr');
  assert.equal(await page.locator('table.table tbody tr').count(), 2);
  assert.deepEqual(await axeViolations(page), []);
});
