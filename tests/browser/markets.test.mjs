// Product quality and market access in a real browser, on a phone-sized screen: the demo manager
// of a food cooperative sees its ONSSA authorization due for renewal and, for its other food
// cooperative, what it still lacks to apply, ticks a step, and is told about a mistaken
// certificate; the office sees the reminder queued; a buyer finds certified products by region and
// kind in French and in Arabic; buyers find certified products by region in the product catalogue
// in both languages and open a cooperative's shop; a manager adds a product with a photo that
// comes back resized; an organiser sets the allocation rule's parameters; the office downloads
// its figures. Every page passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, axeViolations, DEMO_PASSWORD, signInAs } from './harness.mjs';

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

async function noViolations(page, what) {
  assert.deepEqual(await axeViolations(page), [], what);
}

/** Signs in with a demo account and lands on `next`. */
const signIn = (page, email, next) => signInAs(page, server.url, email, next);

test('a food cooperative sees its renewal due and what it lacks for ONSSA', async () => {
  const page = await newPage(browser);
  await signIn(page, 'manager@demo.taawun.example', '/catalogue?q=DEMO%2F001');
  await noViolations(page, 'catalogue');
  // From the catalogue to the cooperative, then to its certificates.
  await page.locator('main ul.results a[href^="/cooperatives/"]').first().click();
  await page.waitForURL(/\/cooperatives\/\d+$/);
  await page.locator('main a[href$="/certifications"]').click();
  await page.waitForURL(/\/certifications$/);
  assert.match(await page.locator('main table').innerText(), /يجب تجديدها/);
  assert.match(await page.locator('main').innerText(), /تتوفر التعاونية على ترخيص/);
  await noViolations(page, 'certifications with a renewal due');

  // The manager's honey cooperative has no certificate yet: four steps missing.
  await page.locator('main ul a[href$="/certifications"]').first().click();
  await page.waitForURL(/\/certifications$/);
  assert.equal(await page.locator('.warning li').count(), 4);
  await noViolations(page, 'checklist with missing steps');
  await page.check('#item-hygiene_plan');
  await page.click('form[action$="/checklist"] button[type=submit]');
  await page.waitForURL(/\/certifications#checklist$/);
  assert.equal(await page.locator('.warning li').count(), 3);
  assert.ok(await page.locator('#item-hygiene_plan').isChecked());

  // A certificate with nothing filled: every error named in the summary and beside its field.
  await page.click('form[action$="/certifications"] button[type=submit]');
  await page.locator('.error-summary').waitFor();
  assert.ok(await page.locator('.error-summary a[href="#kind"]').isVisible());
  assert.ok(await page.locator('.error-summary a[href="#number"]').isVisible());
  await noViolations(page, 'certificate form with errors');
  // Then a good one, in French.
  await page.goto(server.url + '/lang/fr?next=' + encodeURIComponent(new URL(page.url()).pathname));
  await page.selectOption('#kind', 'onssa_authorization');
  await page.fill('#number', 'AS.08.201.2026/042');
  await page.fill('#issuer', 'ONSSA Errachidia');
  await page.fill('#products', 'Miel de thym');
  await page.fill('#issued_on', '2026-01-05');
  await page.fill('#expires_on', '2031-01-04');
  await page.click('form[action$="/certifications"] button[type=submit]');
  await page.waitForURL(/\/certifications$/);
  assert.match(await page.locator('main table').innerText(), /Valide/);
  await noViolations(page, 'certifications in French');
  // A light photo of the product for the catalogue, checked by its content.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  await page.selectOption('#certification_id', { index: 0 });
  await page.setInputFiles('#photo', { name: 'miel.png', mimeType: 'image/png', buffer: png });
  await page.click('form[action*="/certifications/photo"] button[type=submit]');
  await page.waitForURL(/\/certifications$/);
  await page.goto(server.url + '/catalogue?q=' + encodeURIComponent('Miel de thym'));
  assert.ok(await page.locator('main img.product-photo').first().isVisible());
  await noViolations(page, 'catalogue with a photo');
});

test('the office sees certified food cooperatives by region and the reminder queued', async () => {
  const page = await newPage(browser);
  await signIn(page, 'admin@demo.taawun.example', '/certifications/coverage');
  assert.ok(await page.locator('main table tbody tr').count() >= 1);
  await noViolations(page, 'coverage');
  await page.click('form[action="/certifications/reminders"] button[type=submit]');
  await page.waitForURL(/\/certifications\/coverage\?queued=\d+$/);
  await page.locator('.notice').waitFor();
  // Queued at the server's start or now, and only once.
  await page.goto(server.url + '/admin/outbox');
  const text = await page.locator('main').innerText();
  assert.equal(text.split('AS.08.201.DEMO/001').length - 1, 1, text);
  // Participation and reported sales of last year's fair, by region, sector and women's cooperatives.
  await page.goto(server.url + '/markets/stats');
  assert.match(await page.locator('#by-region + .table-scroll').innerText(), /DH/);
  await noViolations(page, 'market statistics');
});

test('a buyer finds certified products by region and kind, in French and in Arabic', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/lang/fr?next=%2Fcatalogue');
  await page.waitForURL(server.url + '/catalogue');
  await page.selectOption('#region', '08');
  await page.selectOption('#kind', 'onssa_authorization');
  await page.click('main form[role=search] button[type=submit]');
  await page.waitForURL(/region=08/);
  const results = await page.locator('main ul.results').innerText();
  assert.match(results, /Dattes Mejhoul/);
  assert.match(results, /Autorisation sanitaire ONSSA/);
  assert.doesNotMatch(results, /Tapis/);
  await noViolations(page, 'catalogue in French');
  await page.goto(server.url + '/lang/ar?next=' + encodeURIComponent('/catalogue?region=08&kind=onssa_authorization'));
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.match(await page.locator('main ul.results').innerText(), /الترخيص الصحي/);
  await noViolations(page, 'catalogue in Arabic');
  // By product, typed in Arabic.
  await page.fill('#q', 'زربية');
  await page.selectOption('#region', '');
  await page.selectOption('#kind', '');
  await page.click('main form[role=search] button[type=submit]');
  await page.waitForURL(/q=/);
  assert.match(await page.locator('main ul.results').innerText(), /علامة جودة الصناعة التقليدية/);
});

test('a manager applies to the Erfoud fair and the organiser fills its stands by the visible rule', async () => {
  const manager = await newPage(browser);
  await signIn(manager, 'manager@demo.taawun.example', '/markets');
  await noViolations(manager, 'market openings');
  await manager.locator('main ul.results a', { hasText: /أرفود|Erfoud/ }).click();
  await manager.waitForURL(/\/markets\/\d+$/);
  const fair = new URL(manager.url()).pathname;
  assert.equal(await manager.locator('#rule + ol li').count(), 4, 'the rule is shown');
  // Nothing chosen: the error summary names both fields.
  await manager.click('form[action$="/apply"] button[type=submit]');
  await manager.locator('.error-summary').waitFor();
  assert.ok(await manager.locator('.error-summary a[href="#cooperative_id"]').isVisible());
  await noViolations(manager, 'application with errors');
  await manager.selectOption('#cooperative_id', { index: 1 });
  await manager.fill('#products', 'عسل الزعتر — Miel de thym');
  await manager.click('form[action$="/apply"] button[type=submit]');
  await manager.waitForURL(/#applications$/);
  assert.match(await manager.locator('main table').innerText(), /Miel de thym/);

  const organiser = await newPage(browser);
  await signIn(organiser, 'agent@demo.taawun.example', fair);
  const before = await organiser.locator('main table tbody tr').count();
  await organiser.click('form[action$="/allocate"] button[type=submit]');
  await organiser.waitForURL(/#applications$/);
  const table = organiser.locator('main table tbody');
  assert.equal(await table.locator('tr').count(), before);
  assert.equal(await table.locator('tr', { hasText: /حصلت على رواق|Stand attribué/ }).count(), 4, 'four stands');
  assert.equal(await table.locator('tr', { hasText: /لائحة الانتظار|Liste d’attente/ }).count(), before - 4);
  assert.match(await table.locator('tr').first().innerText(), /^1\b/);
  assert.equal(await organiser.locator('form[action$="/allocate"]').count(), 0, 'allocated once');
  await noViolations(organiser, 'fair allocated');
});

test('a buyer finds certified products by region in French and in Arabic, and a cooperative’s shop', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/lang/fr?next=%2Fproducts');
  await page.waitForURL(server.url + '/products');
  await noViolations(page, 'product catalogue in French');
  await page.selectOption('#region', '08');
  await page.selectOption('#certification', 'onssa_authorization');
  await page.click('main form[role=search] button[type=submit]');
  await page.waitForURL(/region=08/);
  const results = await page.locator('main ul.results').innerText();
  assert.match(results, /Dattes Mejhoul/);
  assert.match(results, /Autorisation sanitaire ONSSA/);
  assert.match(results, /DH/);
  assert.doesNotMatch(results, /Tapis/);
  await noViolations(page, 'products by region and certificate in French');

  await page.goto(server.url + '/lang/ar?next=' + encodeURIComponent('/products?region=08&certification=onssa_authorization'));
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  const arabic = await page.locator('main ul.results').innerText();
  assert.match(arabic, /تمور المجهول/);
  assert.match(arabic, /الترخيص الصحي/);
  await noViolations(page, 'products by region and certificate in Arabic');
  // Typed in Arabic, any region: a handicraft product with its quality mark.
  await page.fill('#q', 'زربية');
  await page.selectOption('#region', '');
  await page.selectOption('#certification', 'any');
  await page.click('main form[role=search] button[type=submit]');
  await page.waitForURL(/q=/);
  assert.match(await page.locator('main ul.results').innerText(), /علامة جودة الصناعة التقليدية/);

  // The cooperative's shop: its products, its running certificates, how to reach it.
  await page.locator('main ul.results a[href$="/shop"]').first().click();
  await page.waitForURL(/\/cooperatives\/\d+\/shop$/);
  assert.ok(await page.locator('main #products + ul.results li').count() >= 1);
  assert.match(await page.locator('main').innerText(), /الشهادات السارية/);
  await noViolations(page, 'shop in Arabic');
  await page.goto(server.url + '/lang/fr?next=' + encodeURIComponent(new URL(page.url()).pathname));
  assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
  await noViolations(page, 'shop in French');
  await page.locator('main ul.results h3 a').first().click();
  await page.waitForURL(/\/products\/\d+$/);
  await noViolations(page, 'product page');
});

test('a manager adds a product with a photo, resized for the catalogue', async () => {
  const page = await newPage(browser);
  await signIn(page, 'manager@demo.taawun.example', '/catalogue?q=DEMO%2F001');
  await page.locator('main ul.results a[href^="/cooperatives/"]').first().click();
  await page.waitForURL(/\/cooperatives\/\d+$/);
  await page.locator('main a[href$="/products"]').first().click();
  await page.waitForURL(/\/products$/);
  await noViolations(page, 'the cooperative’s products');

  // Nothing filled: every error named in the summary and beside its field.
  await page.click('form[action$="/products"] button[type=submit]');
  await page.locator('.error-summary').waitFor();
  assert.ok(await page.locator('.error-summary a[href="#category"]').isVisible());
  assert.ok(await page.locator('.error-summary a[href="#name_ar"]').isVisible());
  assert.ok(await page.locator('.error-summary a[href="#name_fr"]').isVisible());
  await noViolations(page, 'product form with errors');

  await page.selectOption('#category', 'dates');
  await page.fill('#name_ar', 'تمر بوفقوس');
  await page.fill('#name_fr', 'Dattes Boufeggous');
  await page.fill('#description_fr', 'Dattes demi-molles de l’oasis du Ziz.');
  await page.fill('#price_min_dh', '40');
  await page.fill('#price_max_dh', '90');
  await page.locator('input[name=certifications]').first().check();
  await page.click('form[action$="/products"] button[type=submit]');
  await page.waitForURL(/\/products\/\d+#photos$/);
  await noViolations(page, 'product without photo');

  // A phone-sized photo, drawn by the browser: it comes back at most 800 px wide.
  const png = Buffer.from((await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 1600; c.height = 1200;
    const g = c.getContext('2d');
    g.fillStyle = '#7a4b1f'; g.fillRect(0, 0, 1600, 1200);
    g.fillStyle = '#e0b050'; g.beginPath(); g.arc(800, 600, 400, 0, 7); g.fill();
    return c.toDataURL('image/png');
  })).split(',')[1], 'base64');
  await page.setInputFiles('#photo', { name: 'boufeggous.png', mimeType: 'image/png', buffer: png });
  await page.click('form[action*="/photos?"] button[type=submit]');
  await page.waitForURL(/#photos$/);
  assert.equal(await page.locator('.photo-list img').count(), 1);
  await noViolations(page, 'product with its photo');

  await page.locator('main a[href^="/products/"]').first().click();
  await page.waitForURL(/\/products\/\d+$/);
  const img = page.locator('main img.product-full').first();
  await img.waitFor();
  const width = await img.evaluate((el) => el.complete ? el.naturalWidth : new Promise((r) => { el.onload = () => r(el.naturalWidth); }));
  assert.equal(width, 800);
  assert.match(await page.locator('main').innerText(), /Dattes Boufeggous|تمر بوفقوس/);
  await noViolations(page, 'public product page with its photo');
  // And the buyer finds it in the catalogue, with its thumbnail.
  await page.goto(server.url + '/products?q=' + encodeURIComponent('بوفقوس'));
  assert.ok(await page.locator('main ul.results img.product-photo').first().isVisible());
});

test('an organiser sets the allocation rule’s parameters; the office downloads its figures', async () => {
  const page = await newPage(browser);
  await signIn(page, 'agent@demo.taawun.example', '/markets/new');
  await noViolations(page, 'new opening with the rule’s parameters');
  await page.fill('#certified_points', '11');
  await page.click('main form button[type=submit]');
  await page.locator('.error-summary').waitFor();
  assert.ok(await page.locator('.error-summary a[href="#certified_points"]').isVisible());
  await noViolations(page, 'rule’s parameters with errors');
  await page.selectOption('#kind', 'display_space');
  await page.fill('#title_ar', 'فضاء العرض بمطار الرباط سلا');
  await page.fill('#title_fr', 'Espace d’exposition de l’aéroport Rabat-Salé');
  await page.fill('#place_ar', 'مطار الرباط سلا');
  await page.fill('#place_fr', 'Aéroport Rabat-Salé');
  await page.selectOption('#region_code', '04');
  await page.fill('#starts_on', '2027-03-01');
  await page.fill('#ends_on', '2027-03-31');
  await page.fill('#stands', '6');
  await page.fill('#certified_points', '3');
  await page.fill('#local_points', '0');
  await page.click('main form button[type=submit]');
  await page.waitForURL(/\/markets\/\d+$/);
  const rule = await page.locator('#rule + ol').innerText();
  assert.match(rule, /3/);
  await noViolations(page, 'opening with its own rule');

  // The office's downloads: certificates by region, market participation and sales.
  for (const path of ['/certifications/export?format=csv', '/markets/stats?format=csv']) {
    const r = await page.request.get(server.url + path);
    assert.equal(r.status(), 200, path);
    assert.match(r.headers()['content-type'], /text\/csv/);
  }
});
