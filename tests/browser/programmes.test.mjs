// Support programmes in a real browser, on a phone-sized screen, with each role: the demo
// manager applies to INDH's open call (mistakes named, the document attached, submitted); the
// partner, on the preliminary committee, admits it; on the local committee, scores it and, as
// chair, records the decisions and the minutes; the manager then reads the decision but never
// the scores; the public reads the selected projects in French. Every page passes axe.
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

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

test('a cooperative applies, the committees select it, the public sees it', async () => {
  // The manager finds the open call and starts an application.
  const manager = await newPage(browser);
  await signIn(manager, 'manager@demo.taawun.example', '/programmes');
  await noViolations(manager, 'calls');
  await manager.locator('main a', { hasText: '2026' }).first().click();
  await manager.waitForURL(/\/programmes\/\d+$/);
  const call = new URL(manager.url()).pathname;
  await noViolations(manager, 'call page for a manager');
  await manager.selectOption('#cooperative_id', { index: 1 });
  await manager.click('form[action$="/apply"] button[type=submit]');
  await manager.waitForURL(/\/applications\/\d+$/);
  const application = new URL(manager.url()).pathname;

  // A budget that does not add up: the error is named in the summary and beside the field.
  await manager.fill('#project_title', 'وحدة لتلفيف التمور');
  await manager.fill('#summary', 'تجهيز وحدة للتلفيف وتكوين الأعضاء.');
  await manager.fill('#budget_label_0', 'آلة التلفيف');
  await manager.fill('#budget_amount_0', '180000');
  await manager.fill('#requested_dh', '150000');
  await manager.fill('#own_contribution_dh', '10000');
  await manager.click(`form[action="${application}"] button[type=submit]`);
  await manager.locator('.error-summary').waitFor();
  assert.ok(await manager.locator('.error-summary a[href="#own_contribution_dh"]').isVisible());
  await noViolations(manager, 'application with errors');
  await manager.fill('#own_contribution_dh', '30000');
  await manager.click(`form[action="${application}"] button[type=submit]`);
  await manager.waitForURL(new RegExp(`${application}#documents$`));
  await manager.setInputFiles('#file', { name: 'pv.pdf', mimeType: 'application/pdf', buffer: PDF });
  await manager.click('form[action*="/documents"] button[type=submit]');
  await manager.waitForURL(new RegExp(`${application}#documents$`));
  assert.equal(await manager.locator('#documents ~ ul a[href*="/documents/0"]').count(), 1);
  await noViolations(manager, 'application ready');
  await manager.click(`form[action="${application}/submit"] button[type=submit]`);
  await manager.waitForURL(server.url + application);
  assert.match(await manager.locator('main .lead').innerText(), /مودع/);

  // The partner, on the preliminary committee, admits it.
  const partner = await newPage(browser);
  await signIn(partner, 'partner@demo.taawun.example', `${call}/committees/preliminary`);
  await noViolations(partner, 'preliminary committee');
  await partner.goto(server.url + application);
  await partner.check('#outcome-admitted');
  await partner.click(`form[action="${application}/preliminary"] button[type=submit]`);
  await partner.waitForURL(server.url + `${call}/committees/preliminary`);

  // On the local committee: scores it, then, as chair, decides with the minutes.
  await partner.goto(server.url + application);
  await partner.fill('#mark_0', '9');
  await partner.fill('#mark_1', '8');
  await partner.fill('#mark_2', '10');
  await partner.fill('#comment', 'مشروع واضح ومساهمة ذاتية كافية.');
  await partner.click(`form[action="${application}/score"] button[type=submit]`);
  await partner.waitForURL(new RegExp(`${application}#scores$`));
  assert.match(await partner.locator('#scores ~ table').innerText(), /89/);
  await noViolations(partner, 'application with the committee scores');
  await partner.goto(server.url + `${call}/committees/local`);
  await noViolations(partner, 'local committee with its ranking');
  await partner.fill('#notes', 'اجتمعت اللجنة المحلية بالرشيدية بحضور أعضائها.');
  await partner.click('form[action$="/decisions"] button[type=submit]');
  await partner.waitForURL(server.url + `${call}/committees/local`);
  assert.ok(await partner.locator('a[href$="minutes.pdf?lang=ar"]').isVisible());
  await noViolations(partner, 'committee after its decisions');

  // The manager reads the decision, never the scores.
  await manager.goto(server.url + application);
  assert.match(await manager.locator('main .lead').innerText(), /مختار/);
  assert.equal(await manager.locator('#scores').count(), 0);
  assert.doesNotMatch(await manager.locator('main').innerText(), /نقط اللجنة/);
  await noViolations(manager, 'selected application with its follow-up');

  // The public list, in French.
  const visitor = await newPage(browser);
  await visitor.goto(server.url + '/lang/fr?next=' + encodeURIComponent('/programmes/selected'));
  assert.match(await visitor.locator('main table').innerText(), /وحدة لتلفيف التمور/);
  assert.match(await visitor.locator('h1').innerText(), /Projets retenus/);
  await noViolations(visitor, 'selected projects in French');
});

test('a partner publishes a call; mistakes are named in French', async () => {
  const partner = await newPage(browser);
  await signIn(partner, 'partner@demo.taawun.example', '/programmes/new');
  await partner.goto(server.url + '/lang/fr?next=' + encodeURIComponent('/programmes/new'));
  await noViolations(partner, 'call form');
  await partner.click('form[action="/programmes/new"] button[type=submit]');
  await partner.locator('.error-summary').waitFor();
  assert.ok(await partner.locator('.error-summary a[href="#criteria"]').isVisible());
  assert.ok(await partner.locator('.error-summary a[href="#levels"]').isVisible());
  await noViolations(partner, 'call form with errors');
  await partner.fill('#funder', 'Conseil régional Drâa-Tafilalet');
  await partner.fill('#title_ar', 'دعم تسويق منتوجات التعاونيات');
  await partner.fill('#title_fr', 'Appui à la commercialisation des produits des coopératives');
  await partner.fill('#objectives_ar', 'المشاركة في المعارض والأسواق المتنقلة.');
  await partner.fill('#objectives_fr', 'Participation aux salons et aux marchés itinérants.');
  await partner.check('#women_only');
  await partner.fill('#budget_dh', '500000');
  await partner.fill('#ceiling_dh', '50000');
  await partner.fill('#opens_on', '2026-12-01');
  await partner.fill('#closes_on', '2027-01-31');
  await partner.fill('#preliminary_by', '2027-02-15');
  await partner.fill('#decision_by', '2027-03-15');
  await partner.fill('#criterion_ar_0', 'الأثر');
  await partner.fill('#criterion_fr_0', 'Impact');
  await partner.fill('#weight_0', '100');
  await partner.selectOption('#level_marketing', 'regional');
  await partner.click('form[action="/programmes/new"] button[type=submit]');
  await partner.waitForURL(/\/programmes\/\d+$/);
  assert.match(await partner.locator('main').innerText(), /Coopératives féminines/);
  await noViolations(partner, 'published call for its owner');
});

test('the office of the region follows a selected project and records a visit', async () => {
  const agent = await newPage(browser);
  await signIn(agent, 'agent.draa@demo.taawun.example', '/programmes');
  await agent.locator('main a', { hasText: '2025' }).first().click();
  await agent.waitForURL(/\/programmes\/\d+$/);
  assert.match(await agent.locator('#applications ~ div table').innerText(), /في طور الإنجاز/);
  await noViolations(agent, 'call with the follow-up stages, for the office');
  await agent.locator('#applications ~ div table a').first().click();
  await agent.waitForURL(/\/applications\/\d+$/);
  assert.match(await agent.locator('#follow-up ~ dl').innerText(), /INDH-ERR-2025-017/);
  assert.equal(await agent.locator('#scores').count(), 0, 'the office is not on the committee');
  await agent.fill('#text', 'زيارة ميدانية: التجهيزات مستعملة والإنتاج في تقدم.');
  await agent.click('form[action$="/notes"] button[type=submit]');
  await agent.waitForURL(/#follow-up$/);
  assert.match(await agent.locator('main').innerText(), /زيارة تتبع/);
  await noViolations(agent, 'follow-up with a visit');
});
