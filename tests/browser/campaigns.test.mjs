// Campaigns and meetings in a real browser, on a phone-sized screen: the public registers for a
// meeting and gets a QR ticket, then cancels; the office sets up a campaign (errors shown beside
// their fields), checks people in at the door and reads the figures; the 2018 Errachidia report
// is published. Every page passes axe, in Arabic and in French.
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

/** Opens the registration form of the first upcoming meeting listed on /campaigns. */
async function openForm(page) {
  await page.goto(server.url + '/campaigns');
  await noViolations(page, 'campaigns');
  await page.locator('main ul.results').first().locator('a').first().click();
  await page.waitForURL(/\/meetings\/\d+$/);
  await noViolations(page, 'meeting page');
  await page.locator('main a.button[href$="/register"]').click();
  await page.waitForURL(/\/register$/);
  await noViolations(page, 'registration form');
  // Nothing filled: every error named, beside its field and in the summary.
  await page.click('main button[type=submit]');
  assert.ok(await page.locator('.error-summary a[href="#name"]').isVisible());
  assert.ok(await page.locator('.error-summary a[href="#phone"]').isVisible());
  await noViolations(page, 'registration form with errors');
}

async function fill(page, name, phone) {
  await page.fill('#name', name);
  await page.fill('#phone', phone);
  await page.selectOption('#target_group', 'cooperative_manager');
  await page.check('#gender-woman');
  await page.locator('input[name=workshops]').first().check();
  await page.click('main button[type=submit]');
}

/** Registers a person for the first upcoming meeting; returns the ticket URL. */
async function register(page, name, phone) {
  await openForm(page);
  await fill(page, name, phone);
  await page.waitForURL(/\/tickets\/[0-9a-f]{64}/);
  return page.url();
}

test('the public registers for a meeting from a phone, gets a QR ticket, then cancels', async () => {
  const page = await newPage(browser);
  const ticket = await register(page, 'فاطمة الزهراء أوحمو', '٠٦٦١٢٣٤٥٦٧');
  assert.match(await page.locator('main h1').innerText(), /تسجيلك مؤكد/);
  assert.ok(await page.locator('.qr svg').isVisible(), 'the QR code is on the ticket');
  await noViolations(page, 'ticket');
  // The same phone again (written the other way) is caught.
  const again = await newPage(browser);
  await openForm(again);
  await fill(again, 'Fatima', '0661234567');
  await again.locator('.error-summary').waitFor();
  assert.match(await again.locator('.error-summary').innerText(), /مسجل/);
  // Cancelling frees the place.
  await page.goto(ticket);
  await page.locator('main form[action$="/cancel"] button').click();
  await page.waitForURL(/cancelled=1/);
  assert.match(await page.locator('main h1').innerText(), /ألغي/);
  await noViolations(page, 'cancelled ticket');
});

test('the office sets up a campaign, checks people in and reads the figures (French)', async () => {
  const visitor = await newPage(browser);
  const ticket = await register(visitor, 'Amina Ouali', '0677000111');
  const meetingPath = new URL(await visitor.locator('main a[href^="/meetings/"]').first().getAttribute('href'), server.url).pathname;

  const page = await newPage(browser);
  await page.goto(server.url + '/lang/fr');
  await signIn(page, 'agent@demo.taawun.example', '/campaigns/new');
  await noViolations(page, 'campaign form');
  await page.click('main button[type=submit]');
  assert.ok(await page.locator('.error-summary a[href="#title_ar"]').isVisible());
  assert.ok(await page.locator('#title_fr-error').isVisible());
  await noViolations(page, 'campaign form with errors');
  await page.fill('#title_ar', 'حملة تجريبية');
  await page.fill('#title_fr', 'Campagne d’essai');
  await page.check('#tg-student');
  await page.click('main button[type=submit]');
  await page.waitForURL(/\/campaigns\/\d+$/);
  assert.match(await page.locator('main h1').innerText(), /Campagne d’essai/);
  await noViolations(page, 'campaign page');
  await page.locator('main a.button[href$="/meetings/new"]').click();
  await noViolations(page, 'meeting form');

  // At the door: find the person by phone and check her in (the script sends it in place).
  await page.goto(server.url + meetingPath + '/check-in?q=0677000111');
  await noViolations(page, 'check-in');
  const before = await page.locator('#checkin-count').innerText();
  await page.locator('form.js-checkin button').first().click();
  await page.locator('#checkin-status .notice', { hasText: 'Amina Ouali' }).waitFor();
  // The counter follows without a reload.
  const counted = await page.locator('#checkin-count').innerText();
  assert.notEqual(counted, before);
  assert.match(counted.replace(/[٠-٩]/g, d => '٠١٢٣٤٥٦٧٨٩'.indexOf(d)), /1/);
  // The ticket's eight characters also work; the same person twice is said, with the time.
  const code = ticket.match(/tickets\/([0-9a-f]{8})/)[1];
  await page.fill('#ticket', code);
  await page.click('#ticket-form button[type=submit]');
  await page.locator('#checkin-status .warning', { hasText: 'Amina Ouali' }).waitFor();
  assert.match(await page.locator('#checkin-status').innerText(), /سبق تسجيل|déjà/);
  assert.equal(await page.locator('#checkin-count').innerText(), counted, 'no second count');
  // Headless Chromium has no camera: the scan button shows only where QR codes can be read.
  const canScan = await page.evaluate(async () => 'BarcodeDetector' in window
    && (await window.BarcodeDetector.getSupportedFormats()).includes('qr_code'));
  assert.equal(await page.locator('#scan-button').isVisible(), canScan);

  await page.goto(server.url + meetingPath + '/registrations');
  assert.ok(await page.locator('table.attendance-list', { hasText: 'Amina Ouali' }).isVisible());
  await noViolations(page, 'registrations');
  await page.goto(server.url + meetingPath + '/report/edit');
  await noViolations(page, 'report form');
  await page.goto(server.url + meetingPath + '/programme');
  await noViolations(page, 'programme form');
});

test('the 2018 caravan and the Errachidia report, in both languages', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/campaigns');
  await page.locator('main a', { hasText: 'الحملة التحسيسية الوطنية' }).click();
  assert.match(await page.locator('main .lead').innerText(), /رافعة لنموذج تنموي جديد/);
  assert.equal(await page.locator('main table tbody tr').count(), 12);
  await noViolations(page, '2018 campaign');
  await page.locator('main table a', { hasText: 'الرشيدية' }).click();
  const report = page.locator('#report');
  assert.match(await report.innerText(), /1386/);
  assert.match(await report.innerText(), /حسن بوناجي/);
  await noViolations(page, 'Errachidia meeting with its report');
  await page.goto(server.url + '/lang/fr?next=' + encodeURIComponent(new URL(page.url()).pathname));
  assert.match(await page.locator('#report').innerText(), /Hassan Bounaji/);
  await noViolations(page, 'Errachidia report in French');
  await page.locator('main a[href$="/kit"]').click();
  assert.equal(await page.locator('main ul.results > li').count(), 6, 'programme, memo, three guides, 100 questions');
  await noViolations(page, 'participant kit');

  const agent = await newPage(browser);
  await signIn(agent, 'agent@demo.taawun.example', '/campaigns');
  await agent.locator('main a', { hasText: 'الحملة التحسيسية الوطنية' }).click();
  await agent.locator('main a[href$="/attendance"]').click();
  assert.ok(await agent.locator('main table').first().isVisible());
  await noViolations(agent, 'campaign attendance');
});
