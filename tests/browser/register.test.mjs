// The register in a real browser: a founder with an approved name builds the founding file part
// by part, uploads the documents and lodges it; the clerk of Errachidia registers it; anyone
// gets an extract with its QR code and verifies it. Every page passes axe, in Arabic and French.
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

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function signIn(page, email, next) {
  await page.goto(server.url + '/account/sign-in?next=' + encodeURIComponent(next));
  await page.fill('#email', email);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('main button[type=submit]');
  await page.waitForURL(server.url + next);
}

async function noViolations(page, what) {
  assert.deepEqual(await axeViolations(page), [], what);
}

test('found, lodge, register, then get and verify an extract', async () => {
  const founder = await newPage(browser);
  await signIn(founder, 'manager@demo.taawun.example', '/filings');
  await noViolations(founder, 'files of a manager');
  await founder.click('main form button[type=submit]');
  await founder.waitForURL(/\/filings\/\d+$/);
  const filing = new URL(founder.url()).pathname;
  await noViolations(founder, 'founding file');
  assert.match(await founder.textContent('main'), /ما يزال ناقصا/);

  await founder.goto(server.url + filing + '/edit/activity');
  await noViolations(founder, 'activity part');
  await founder.fill('#object', 'تثمين وتسويق تمور الأعضاء');
  await founder.selectOption('#sector', 'agriculture');
  await founder.check('#cat-producers_supply');
  await founder.click('main button[type=submit]');
  await founder.waitForURL(server.url + filing);

  await founder.goto(server.url + filing + '/edit/seat');
  await founder.selectOption('#province', '08.201');
  await founder.fill('#address', 'قصر أولاد يوسف، الرشيدية');
  await founder.click('main button[type=submit]');
  await founder.waitForURL(server.url + filing);

  await founder.goto(server.url + filing + '/edit/capital');
  await founder.fill('#share_value', '100');
  await founder.click('main button[type=submit]');
  await founder.waitForURL(server.url + filing);

  await founder.goto(server.url + filing + '/edit/founders');
  await noViolations(founder, 'founders part');
  const names = [];
  for (let i = 0; i < 5; i++) {
    names.push(await founder.inputValue(`#founders-${i}-full_name`));
    await founder.fill(`#founders-${i}-id_number`, `JK${40000 + i}`);
    await founder.fill(`#founders-${i}-birth_year`, '1988');
    await founder.fill(`#founders-${i}-shares`, '3');
    await founder.fill(`#founders-${i}-paid`, '75');
    await founder.check(`#founders-${i}-woman`);
  }
  await founder.click('main button[type=submit]');
  await founder.waitForURL(server.url + filing);

  await founder.goto(server.url + filing + '/edit/governance');
  const roles = ['chair', 'treasurer', 'secretary'];
  for (let i = 0; i < 3; i++) {
    await founder.fill(`#officers-${i}-full_name`, names[i]);
    await founder.selectOption(`#officers-${i}-role`, roles[i]);
  }
  await founder.click('main button[type=submit]');
  await founder.waitForURL(server.url + filing);

  for (const kind of ['statutes', 'constitutive_minutes', 'bank_certificate', 'local_authority_receipt']) {
    await founder.selectOption('#document_kind', kind);
    await founder.setInputFiles('#file', { name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await founder.click('form[enctype="multipart/form-data"] button[type=submit]');
    await founder.waitForURL(new RegExp(`${filing}(#documents)?$`));
  }
  assert.match(await founder.textContent('main'), /لا ينقص شيء/);
  await founder.click(`form[action="${filing}/submit"] button`);
  await founder.waitForURL(server.url + filing);
  assert.match(await founder.textContent('main'), /مودع، قيد الدراسة/);

  const clerk = await newPage(browser);
  await signIn(clerk, 'greffe.errachidia@demo.taawun.example', '/filings');
  await clerk.goto(server.url + filing);
  await noViolations(clerk, 'file seen by the clerk');
  await clerk.check('#decision-register');
  await clerk.click(`form[action="${filing}/decision"] button[type=submit]`);
  await clerk.waitForURL(server.url + filing);
  assert.match(await clerk.textContent('main'), /قُيِّد في السجل/);
  await clerk.goto(server.url + '/register');
  await noViolations(clerk, 'court register');

  // The public gets an extract and verifies it, in French this time.
  await founder.goto(server.url + filing);
  await founder.click('text=الاطلاع على بطاقة التعاونية');
  await founder.waitForURL(/\/cooperatives\/\d+$/);
  const visitor = await newPage(browser);
  await visitor.goto(server.url + '/lang/fr?next=' + encodeURIComponent(new URL(founder.url()).pathname));
  await visitor.goto(founder.url());
  await visitor.click('form[action$="/extracts"] button');
  await visitor.waitForURL(/\/extracts\/[A-Z0-9]+$/);
  await noViolations(visitor, 'extract (fr)');
  assert.ok(await visitor.$('.qr svg'), 'the QR code is on the page');
  const code = new URL(visitor.url()).pathname.split('/').pop();
  await visitor.goto(server.url + '/verify');
  await visitor.fill('#code', code.toLowerCase());
  await visitor.click('main button[type=submit]');
  await visitor.waitForURL(server.url + '/verify/' + code);
  assert.match(await visitor.textContent('main'), /Extrait authentique et à jour/);
  await noViolations(visitor, 'verification (fr)');
  const pdf = await visitor.request.get(server.url + `/extracts/${code}/pdf`);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.ok((await pdf.body()).subarray(0, 5).toString() === '%PDF-');
});

test('the office follows the adaptation of pre-existing cooperatives', async () => {
  const agent = await newPage(browser);
  await signIn(agent, 'agent.draa@demo.taawun.example', '/adaptation');
  await noViolations(agent, 'adaptation dashboard');
  assert.match(await agent.textContent('main'), /31/);
});

test('a manager adapts, then radiates, a pre-existing cooperative; the clerk refuses then registers', async () => {
  const manager = await newPage(browser);
  await signIn(manager, 'manager@demo.taawun.example', '/filings');
  // The demo manager runs several cooperatives: the pre-existing one is the one offering adaptation.
  const links = await manager.locator('main ul.plain a[href^="/cooperatives/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  let coop = null;
  for (const href of links) {
    await manager.goto(server.url + href);
    if (await manager.locator(`a[href="${href}/filings/adaptation"]`).count()) { coop = href; break; }
  }
  assert.ok(coop, 'a pre-existing cooperative to adapt');
  await manager.click(`a[href="${coop}/filings/adaptation"]`);
  await noViolations(manager, 'adaptation form');
  // A date in the future is refused, with the field named.
  await manager.fill('#egm_date', '2999-01-01');
  await manager.fill('#former_approval_ref', 'A-1998-145');
  await manager.fill('#members', '12');
  await manager.click('main button[type=submit]');
  assert.match(await manager.textContent('.error-summary'), /.+/);
  await noViolations(manager, 'adaptation form with errors');
  await manager.fill('#egm_date', '2019-06-15');
  await manager.click('main button[type=submit]');
  await manager.waitForURL(/\/filings\/\d+$/);
  const filing = new URL(manager.url()).pathname;
  for (const kind of ['statutes', 'egm_minutes', 'former_approval']) {
    await manager.selectOption('#document_kind', kind);
    await manager.setInputFiles('#file', { name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await manager.click('form[enctype="multipart/form-data"] button[type=submit]');
    await manager.waitForURL(new RegExp(`${filing}(#documents)?$`));
  }
  await manager.click(`form[action="${filing}/submit"] button`);
  await manager.waitForURL(server.url + filing);
  const court = await manager.textContent('main .summary-list');

  // The demo body is registered at one of the two courts of Errachidia province.
  assert.match(court, /الرشيدية|أرفود/, `lodged at a court of the seat: ${court}`);
  const clerk = await newPage(browser);
  const clerkEmail = /أرفود/.test(court) ? 'greffe.arfoud@demo.taawun.example' : 'greffe.errachidia@demo.taawun.example';
  await signIn(clerk, clerkEmail, '/filings');
  await clerk.goto(server.url + filing);
  await clerk.check('#decision-reject');
  await clerk.fill('#reason', 'محضر الجمع العام غير موقع');
  await clerk.click(`form[action="${filing}/decision"] button[type=submit]`);
  await clerk.waitForURL(server.url + filing);
  await manager.goto(server.url + filing);
  assert.match(await manager.textContent('main'), /محضر الجمع العام غير موقع/);
  await manager.click(`form[action="${filing}/submit"] button`);
  await manager.waitForURL(server.url + filing);
  await clerk.goto(server.url + filing);
  await clerk.check('#decision-register');
  await clerk.click(`form[action="${filing}/decision"] button[type=submit]`);
  await clerk.waitForURL(server.url + filing);
  await manager.goto(server.url + coop);
  assert.match(await manager.textContent('main'), /ملائمة/);

  // Radiation after a liquidation.
  await manager.click(`a[href="${coop}/filings/radiation"]`);
  await noViolations(manager, 'radiation form');
  await manager.selectOption('#cause', 'liquidation');
  await manager.fill('#decided_on', '2026-11-01');
  await manager.fill('#liquidator', 'Aicha Belkadi');
  await manager.click('main button[type=submit]');
  await manager.waitForURL(/\/filings\/\d+$/);
  const radiation = new URL(manager.url()).pathname;
  for (const kind of ['dissolution_minutes', 'liquidation_report']) {
    await manager.selectOption('#document_kind', kind);
    await manager.setInputFiles('#file', { name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await manager.click('form[enctype="multipart/form-data"] button[type=submit]');
    await manager.waitForURL(new RegExp(`${radiation}(#documents)?$`));
  }
  await manager.click(`form[action="${radiation}/submit"] button`);
  await manager.waitForURL(server.url + radiation);
  await clerk.goto(server.url + radiation);
  await clerk.check('#decision-register');
  await clerk.click(`form[action="${radiation}/decision"] button[type=submit]`);
  await clerk.waitForURL(server.url + radiation);
  await manager.goto(server.url + coop);
  assert.match(await manager.textContent('main'), /مشطب|radi/i);
});

test('withdrawing a file asks first, on its own page, and says the way forward', async () => {
  const manager = await newPage(browser);
  await signIn(manager, 'manager@demo.taawun.example', '/filings');
  const links = await manager.locator('main ul.plain a[href^="/cooperatives/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  let coop = null;
  for (const href of links) {
    await manager.goto(server.url + href);
    if (await manager.locator(`a[href="${href}/filings/radiation"]`).count()) { coop = href; break; }
  }
  assert.ok(coop, 'a cooperative that can start a file');
  await manager.click(`a[href="${coop}/filings/radiation"]`);
  await manager.selectOption('#cause', 'liquidation');
  await manager.fill('#decided_on', '2026-11-01');
  await manager.fill('#liquidator', 'Aicha Belkadi');
  await manager.click('main button[type=submit]');
  await manager.waitForURL(/\/filings\/\d+$/);
  const filing = new URL(manager.url()).pathname;
  // The destructive action is a red link in its own section, not a button beside «lodge».
  const link = manager.locator(`section.destructive a[href="${filing}/withdraw"]`);
  assert.ok(await link.isVisible());
  assert.equal(await manager.locator(`form[action="${filing}/withdraw"]`).count(), 0);
  await link.click();
  await manager.waitForURL(server.url + filing + '/withdraw');
  await noViolations(manager, 'withdraw confirmation');
  assert.ok(await manager.evaluate(() => document.documentElement.scrollWidth) <= 390);
  // «No» goes back and changes nothing.
  await manager.click(`main a.button[href="${filing}"]`);
  await manager.waitForURL(server.url + filing);
  assert.equal(await manager.locator('.tag-withdrawn').count(), 0);
  await manager.click(`section.destructive a[href="${filing}/withdraw"]`);
  await manager.click(`form[action="${filing}/withdraw"] button.button-warning`);
  await manager.waitForURL(server.url + filing);
  assert.equal(await manager.locator('.tag-withdrawn').count(), 1);
  assert.ok(await manager.locator('main .notice a.button[href="/filings"]').isVisible());
  await noViolations(manager, 'withdrawn file');
});
