// Product quality and market access in a real browser, on a phone-sized screen: the demo manager
// of a food cooperative sees its ONSSA authorization due for renewal and, for its other food
// cooperative, what it still lacks to apply, ticks a step, and is told about a mistaken
// certificate; the office sees the reminder queued; a buyer finds certified products by region and
// kind in French and in Arabic. Every page passes axe.
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

async function noViolations(page, what) {
  assert.deepEqual(await axeViolations(page), [], what);
}

async function signIn(page, email, next) {
  await page.goto(server.url + '/account/sign-in?next=' + encodeURIComponent(next));
  await page.fill('#email', email);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('main button[type=submit]');
  await page.waitForURL(server.url + next);
}

test('a food cooperative sees its renewal due and what it lacks for ONSSA', async () => {
  const page = await newPage(browser);
  await signIn(page, 'manager@demo.taawun.ma', '/catalogue?q=DEMO%2F001');
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
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000'
    + '1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082', 'hex');
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
  await signIn(page, 'admin@demo.taawun.ma', '/certifications/coverage');
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
  await signIn(manager, 'manager@demo.taawun.ma', '/markets');
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
  await signIn(organiser, 'agent@demo.taawun.ma', fair);
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
