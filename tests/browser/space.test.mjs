// The cooperative's own space from a phone: the demo manager opens the books from their
// account, adds a member (an error first, shown beside its field), records shares, convenes an
// assembly, marks who came and sees the quorum, and reads the documents checklist — in Arabic
// and in French; every page passes axe.
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

test('a manager keeps members, shares and an assembly in order', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/account/sign-in?next=%2Faccount');
  await page.fill('#email', 'manager@demo.taawun.example');
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('main button[type=submit]');
  await page.waitForURL(server.url + '/account');
  await page.locator('main a[href$="/space"]').first().click();
  await page.waitForURL(/\/space$/);
  const space = new URL(page.url()).pathname;
  await noViolations(page, 'space dashboard');

  await page.goto(server.url + space + '/members');
  await noViolations(page, 'members');
  await page.fill('#joined_on', '');
  await page.click('main form[action$="/members"] button[type=submit]');
  assert.ok(await page.locator('.error-summary a[href="#name"]').isVisible());
  await noViolations(page, 'members with errors');
  for (const [name, gender] of [['فاطمة الزهراء', 'woman'], ['عائشة', 'woman'], ['محمد', 'man']]) {
    await page.fill('#name', name);
    await page.selectOption('#gender', gender);
    await page.fill('#joined_on', '2024-01-15');
    await page.click('main form[action$="/members"] button[type=submit]');
    await page.waitForURL(/\/members$/);
  }
  assert.equal(await page.locator('main table tbody tr').count(), 3);

  await page.goto(server.url + space + '/shares');
  await page.selectOption('#member_id', { index: 1 });
  await page.fill('#on', '2024-01-15');
  await page.fill('#shares', '10');
  await page.click('main form button[type=submit]');
  await page.waitForURL(/\/shares$/);
  assert.equal(await page.locator('main table tbody tr').count(), 1);
  await noViolations(page, 'shares');

  await page.goto(server.url + space + '/assemblies');
  await page.fill('#held_on', '2026-05-20');
  await page.fill('#place', 'مقر التعاونية');
  await page.fill('#agenda', 'المصادقة على الحسابات\nتجديد مجلس الإدارة');
  await page.click('main form button[type=submit]');
  await page.waitForURL(/\/assemblies\/\d+$/);
  await noViolations(page, 'assembly');
  await page.check('input[name=present] >> nth=0');
  await page.check('input[name=present] >> nth=1');
  await page.locator('main form[action$="/attendance"] button').click();
  await page.waitForURL(/\/assemblies\/\d+$/);
  assert.match(await page.locator('main dl').innerText(), /النصاب مكتمل/);

  await page.goto(server.url + '/lang/fr?next=' + encodeURIComponent(space + '/documents'));
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.ok(await page.locator('.tag-missing').first().isVisible());
  await noViolations(page, 'documents in French');
  await page.goto(server.url + space);
  assert.match(await page.locator('main').innerText(), /Assemblée générale ordinaire/);
  await noViolations(page, 'dashboard in French');
});
