// Main journeys of the foundation in a real browser: Arabic right-to-left home, the language
// switch, sign-up and sign-in, and a form error shown beside its field; every page passes axe.
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

test('the home page is Arabic, right-to-left, and accessible', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'rtl');
  // The brand sits at the right edge in right-to-left.
  const box = await page.locator('.brand').boundingBox();
  assert.ok(box.x > 390 / 2 - box.width, `brand at x=${box.x}`);
  assert.deepEqual(await axeViolations(page), []);
});

test('on a phone the menu waits behind one control and the page starts with its task', async () => {
  const page = await newPage(browser);
  for (const path of ['/', '/cooperatives', '/names/check', '/kb', '/campaigns', '/stats']) {
    await page.goto(server.url + path);
    const menu = page.locator('.main-nav nav a[href="/cooperatives"]');
    assert.equal(await menu.isVisible(), false, `${path}: the menu is closed`);
    const h1 = await page.locator('main h1').boundingBox();
    assert.ok(h1.y + h1.height < 844 / 3, `${path}: the heading ends at ${h1.y + h1.height}px`);
  }
  // The control works without JavaScript (a details element), from the keyboard too.
  const noScript = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(server.url + '/names/check');
  await plain.locator('.main-nav summary').focus();
  await plain.keyboard.press('Enter');
  assert.ok(await plain.locator('.main-nav nav a[href="/kb"]').isVisible());
  await noScript.close();
  await page.goto(server.url + '/names/check');
  await page.locator('.main-nav summary').click();
  assert.ok(await page.locator('.main-nav nav a[href="/kb"]').isVisible());
  assert.deepEqual(await axeViolations(page), []);
  // A wide screen shows the whole menu, without the control.
  const wide = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await wide.goto(server.url + '/names/check');
  assert.ok(await wide.locator('.main-nav nav a[href="/kb"]').isVisible());
  assert.equal(await wide.locator('.main-nav summary').isVisible(), false);
  await wide.close();
});

/** The paths of `page` wider than the phone, with the widest element of each. */
async function sideways(page, paths) {
  const wide = [];
  for (const path of paths) {
    await page.goto(server.url + path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) wide.push(`${path}: ${width}px`);
  }
  return wide;
}

test('no page scrolls sideways on a 390-px phone, whoever reads it', async () => {
  const visitor = await newPage(browser);
  await visitor.goto(server.url + '/cooperatives');
  const coop = await visitor.locator('main a[href^="/cooperatives/"]').first().getAttribute('href');
  await visitor.goto(server.url + '/campaigns');
  const campaign = await visitor.locator('main a[href^="/campaigns/"]').first().getAttribute('href');
  await visitor.goto(server.url + campaign);
  const meeting = await visitor.locator('main a[href^="/meetings/"]').first().getAttribute('href');
  const publicPages = ['/', '/cooperatives', coop, '/names/check?name=' + encodeURIComponent('تعاونية اركان'),
    '/verify', '/campaigns', campaign, meeting, '/products', '/catalogue', '/markets', '/programmes', '/kb',
    '/kb/questions/q004', '/stats', '/stats?by=region,sector', '/stats?by=sector,branch', '/territory',
    '/territory/courts', '/open-data', '/about/data', '/account/sign-in', '/account/sign-up'];
  assert.deepEqual(await sideways(visitor, publicPages), []);

  const agent = await newPage(browser);
  await signInAs(agent, server.url, 'agent@demo.taawun.example', '/account');
  assert.deepEqual(await sideways(agent, ['/account', '/filings', '/names/requests', '/register', '/adaptation',
    '/obligations', '/admin/audit', '/certifications/coverage', meeting + '/registrations', meeting + '/check-in']), []);

  const manager = await newPage(browser);
  await signInAs(manager, server.url, 'manager@demo.taawun.example', '/account');
  const space = await manager.locator('main a[href$="/space"]').first().getAttribute('href');
  await manager.goto(server.url + space);
  const spacePages = await manager.evaluate(() => [...new Set([...document.querySelectorAll('main a[href*="/space/"]')]
    .map((a) => a.getAttribute('href')))]);
  assert.ok(spacePages.length > 0, 'the space links its pages');
  assert.deepEqual(await sideways(manager, ['/account', '/filings', space, ...spacePages]), []);
});

test('the language switch goes to French and stays on the same page', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/territory');
  await page.getByRole('link', { name: 'Français' }).click();
  await page.waitForURL('**/territory');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  assert.ok(await page.getByRole('heading', { name: 'Régions et provinces' }).isVisible());
  assert.deepEqual(await axeViolations(page), []);
  // The choice is remembered on the next page.
  await page.goto(server.url + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
});

test('a bad value shows the translated error next to its field', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/account/sign-up');
  await page.fill('#display_name', 'فاطمة');
  await page.fill('#email', 'fatima-at-example');
  await page.fill('#password', 'زيت أركان من تيزنيت');
  await page.fill('#password_confirm', 'زيت أركان من تيزنيت');
  await page.click('button[type=submit]:not(.link-button)');
  const error = page.locator('#email-error');
  await error.waitFor();
  assert.match(await error.innerText(), /أدخل عنوان بريد إلكتروني صحيحا/);
  assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true');
  assert.equal(await page.inputValue('#email'), 'fatima-at-example');
  // The summary links to the field.
  assert.equal(await page.locator('.error-summary a').first().getAttribute('href'), '#email');
  assert.deepEqual(await axeViolations(page), []);
});

test('a manager signs up, signs out and signs in again', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/account/sign-up');
  await page.fill('#display_name', 'Khadija Ait Ouahmane');
  await page.fill('#email', 'khadija@example.ma');
  await page.fill('#password', 'تعاونية النور للكسكس');
  await page.fill('#password_confirm', 'تعاونية النور للكسكس');
  await page.click('main button[type=submit]');
  // The account waits for its address: the message's link, then its one button.
  await page.waitForURL('**/account/check-email');
  assert.match(await page.locator('h1').innerText(), /افتح بريدك الإلكتروني/);
  assert.deepEqual(await axeViolations(page), []);
  const link = server.linkSentTo('khadija@example.ma', 'account_confirm');
  assert.ok(link, 'a confirmation link was sent');
  await page.goto(server.url + link);
  assert.deepEqual(await axeViolations(page), []);
  await page.click('main button[type=submit]');
  await page.waitForURL('**/account');
  assert.match(await page.locator('main').innerText(), /khadija@example\.ma/);
  assert.deepEqual(await axeViolations(page), []);

  await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
  await page.waitForURL(server.url + '/');
  await page.getByRole('link', { name: 'تسجيل الدخول' }).click();
  await page.fill('#email', 'khadija@example.ma');
  await page.fill('#password', 'تعاونية النور للكسكس');
  await page.click('main button[type=submit]');
  await page.waitForURL('**/');
  await page.goto(server.url + '/account');
  assert.match(await page.locator('main').innerText(), /مسير تعاونية/);
});

test('a demo administrator reaches the audit log and the courts editor', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/account/sign-in?next=%2Fadmin%2Faudit');
  await page.fill('#email', 'admin@demo.taawun.example');
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('main button[type=submit]');
  await page.waitForURL('**/admin/audit');
  assert.ok(await page.getByRole('heading', { name: 'سجل التتبع' }).isVisible());
  assert.deepEqual(await axeViolations(page), []);
  await page.goto(server.url + '/admin/courts/tpi-errachidia/edit');
  assert.equal(await page.inputValue('#city_fr'), 'Errachidia');
  assert.deepEqual(await axeViolations(page), []);
});
