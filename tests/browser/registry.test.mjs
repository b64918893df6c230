// The register and the names in a real browser: searching the register with variant spellings
// and filters, in Arabic and in French; checking a name; a manager's request for a name, its
// approval by an office agent, the certificate and its public verification; and a regional
// agent kept out of another region's requests. Every main page passes axe.
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

const FOUNDERS = ['أحمد أيت علي', 'فاطمة الزهراء بوعزة', 'خديجة أوحمو', 'يوسف البقالي', 'مريم الإدريسي'];

async function api(path) {
  const response = await fetch(server.url + path);
  assert.equal(response.status, 200, `GET ${path}`);
  return response.json();
}

/** An active cooperative of the first page of the register that has both names and, if
 *  `accented`, a French name with an accent to drop. */
async function registeredCooperative({ accented = false } = {}) {
  for (let pageNo = 1; pageNo <= 5; pageNo++) {
    const { items } = await api(`/api/v1/cooperatives?page=${pageNo}`);
    for (const c of items) {
      if (!(c.name_ar && c.name_fr && c.status === 'active')) continue;
      if (accented && c.name_fr === withoutAccents(c.name_fr)) continue;
      // A name without a distinctive word is refused for that reason, not for being taken.
      const check = await api(`/api/v1/name-check?name=${encodeURIComponent(c.name_ar)}&limit=1`);
      if (check.distinctive) return c;
    }
  }
  throw new Error('no suitable cooperative in the first pages of the register');
}

function withoutAccents(text) {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').normalize('NFC');
}

/** A new invented name, in both scripts, that the register reports available. */
async function inventedName() {
  const consonants = [['b', 'ب'], ['d', 'د'], ['f', 'ف'], ['k', 'ك'], ['l', 'ل'], ['m', 'م'],
    ['n', 'ن'], ['r', 'ر'], ['s', 'س'], ['t', 'ت'], ['z', 'ز']];
  const vowels = [['a', 'ا'], ['i', 'ي'], ['ou', 'و']];
  const pick = (list) => list[Math.floor(Math.random() * list.length)];
  for (let attempt = 0; attempt < 20; attempt++) {
    let latin = '';
    let arabic = '';
    for (let i = 0; i < 3; i++) {
      const [c, ca] = pick(consonants);
      const [v, va] = pick(vowels);
      latin += c + v;
      arabic += ca + va;
    }
    const [c, ca] = pick(consonants);
    latin += c;
    arabic += ca;
    latin = latin[0].toUpperCase() + latin.slice(1);
    const name = { ar: `تعاونية ${arabic} للأعشاب`, fr: `Coopérative ${latin} des herbes` };
    const [ar, fr] = await Promise.all([
      api(`/api/v1/name-check?name=${encodeURIComponent(name.ar)}&limit=1`),
      api(`/api/v1/name-check?name=${encodeURIComponent(name.fr)}&limit=1`),
    ]);
    if (ar.available && fr.available) return name;
  }
  throw new Error('could not invent an available name');
}

function count(text) {
  return Number(text.replace(/\D/g, ''));
}

async function signIn(page, email, next) {
  await page.goto(server.url + '/account/sign-in?next=' + encodeURIComponent(next));
  await page.fill('#email', email);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('main button[type=submit]');
  await page.waitForURL(server.url + next);
}

/** Files a request for `name` as the (signed-in) manager; returns its path. */
async function fileRequest(page, name, region) {
  await page.goto(server.url + '/names/requests/new');
  await page.selectOption('#kind', 'cooperative');
  await page.fill('#name_ar', name.ar);
  await page.fill('#name_fr', name.fr);
  await page.selectOption('#region_code', region);
  await page.fill('#founders', FOUNDERS.join('\n'));
  await page.click('main button[type=submit]');
  await page.waitForURL(/\/names\/requests\/\d+$/);
  return new URL(page.url()).pathname;
}

test('a search in Arabic finds a cooperative written differently, and the filters narrow it', async () => {
  const coop = await registeredCooperative({ accented: true });
  const page = await newPage(browser);
  await page.goto(server.url + '/cooperatives');
  const everything = count(await page.locator('p.result-count').innerText());
  assert.ok(everything > 0);
  assert.deepEqual(await axeViolations(page), []);

  // The French name in capitals and without its accents.
  const variant = withoutAccents(coop.name_fr).toUpperCase();
  assert.notEqual(variant, coop.name_fr);
  await page.fill('#q', variant);
  await page.getByRole('button', { name: 'بحث' }).click();
  await page.waitForURL((url) => url.searchParams.get('q') === variant);
  const firstLinks = await page.locator('ol.results li h2 a').evaluateAll(
    (links) => links.slice(0, 3).map((a) => a.getAttribute('href')));
  assert.ok(firstLinks.includes(`/cooperatives/${coop.id}`), `${variant} → ${firstLinks}`);
  assert.deepEqual(await axeViolations(page), []);

  // The Arabic name without the legal form.
  const shortAr = coop.name_ar.replace(/(ال)?تعاونية\s*/u, '').trim();
  assert.notEqual(shortAr, coop.name_ar);
  await page.fill('#q', shortAr);
  await page.getByRole('button', { name: 'بحث' }).click();
  await page.waitForURL((url) => url.searchParams.get('q') === shortAr);
  const arLinks = await page.locator('ol.results li h2 a').evaluateAll(
    (links) => links.slice(0, 3).map((a) => a.getAttribute('href')));
  assert.ok(arLinks.includes(`/cooperatives/${coop.id}`), `${shortAr} → ${arLinks}`);

  await page.locator(`ol.results li h2 a[href="/cooperatives/${coop.id}"]`).click();
  await page.waitForURL(`**/cooperatives/${coop.id}`);
  assert.equal((await page.locator('h1').innerText()).trim(), coop.name_ar);
  assert.ok(await page.locator('dl.summary-list').isVisible());
  assert.deepEqual(await axeViolations(page), []);

  // Filters: a region, then a sector too; every result says so in its meta line.
  await page.goto(server.url + '/cooperatives');
  await page.selectOption('#region', '09');
  const regionName = (await page.locator('#region option[value="09"]').innerText()).trim();
  await page.getByRole('button', { name: 'بحث' }).click();
  await page.waitForURL((url) => url.searchParams.get('region') === '09');
  const inRegion = count(await page.locator('p.result-count').innerText());
  assert.ok(inRegion > 0 && inRegion < everything, `${inRegion} of ${everything}`);
  assert.equal(await page.inputValue('#region'), '09');
  const metas = await page.locator('ol.results li p.meta').allInnerTexts();
  assert.ok(metas.length > 0);
  for (const meta of metas) assert.ok(meta.includes(regionName), meta);

  await page.selectOption('#sector', 'argan');
  const sectorName = (await page.locator('#sector option[value="argan"]').innerText()).trim();
  await page.getByRole('button', { name: 'بحث' }).click();
  await page.waitForURL((url) => url.searchParams.get('sector') === 'argan');
  assert.equal(new URL(page.url()).searchParams.get('region'), '09');
  const inSector = count(await page.locator('p.result-count').innerText());
  assert.ok(inSector > 0 && inSector < inRegion, `${inSector} of ${inRegion}`);
  for (const meta of await page.locator('ol.results li p.meta').allInnerTexts()) {
    assert.ok(meta.includes(regionName) && meta.includes(sectorName), meta);
  }
  assert.deepEqual(await axeViolations(page), []);
});

test('the register in French has French labels and shows the French name', async () => {
  const coop = await registeredCooperative();
  const page = await newPage(browser);
  await page.goto(server.url + '/cooperatives');
  await page.getByRole('link', { name: 'Français' }).click();
  await page.waitForURL('**/cooperatives');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  assert.equal((await page.locator('label[for=q]').innerText()).trim(), 'Nom de la coopérative');
  assert.equal((await page.locator('label[for=region]').innerText()).trim(), 'Région');
  assert.equal((await page.locator('label[for=sector]').innerText()).trim(), 'Secteur');
  assert.equal((await page.locator('#region option[value="08"]').innerText()).trim(), 'Drâa-Tafilalet');
  assert.deepEqual(await axeViolations(page), []);

  await page.fill('#q', coop.name_fr.toLowerCase());
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.waitForURL((url) => url.searchParams.get('q') === coop.name_fr.toLowerCase());
  assert.match(await page.locator('p.result-count').innerText(), /résultats?/);
  const link = page.locator(`ol.results li h2 a[href="/cooperatives/${coop.id}"]`);
  await link.waitFor();
  assert.equal((await link.innerText()).trim(), coop.name_fr);
  assert.deepEqual(await axeViolations(page), []);

  await link.click();
  await page.waitForURL(`**/cooperatives/${coop.id}`);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal((await page.locator('h1').innerText()).trim(), coop.name_fr);
  assert.ok(await page.locator('dl.summary-list').isVisible());
  assert.deepEqual(await axeViolations(page), []);
});

test('the name check refuses a registered name and accepts an invented one', async () => {
  const coop = await registeredCooperative();
  const page = await newPage(browser);
  await page.goto(server.url + '/names/check');
  assert.deepEqual(await axeViolations(page), []);

  await page.fill('#name', coop.name_ar);
  await page.getByRole('button', { name: 'تحقق' }).click();
  await page.waitForURL((url) => url.searchParams.get('name') === coop.name_ar);
  const refused = page.locator('main .error-box');
  await refused.waitFor();
  assert.match(await refused.innerText(), /هذا الاسم غير متوفر/);
  assert.equal(await page.locator('main .notice').count(), 0);
  // The registered cooperative is among the closest names, as the one that blocks.
  assert.ok(await page.locator(`main table tr.blocking a[href="/cooperatives/${coop.id}"]`).isVisible());
  assert.deepEqual(await axeViolations(page), []);

  const invented = 'تعاونية زكزاكو للأبحاث الفضائية';
  await page.fill('#name', invented);
  await page.getByRole('button', { name: 'تحقق' }).click();
  await page.waitForURL((url) => url.searchParams.get('name') === invented);
  const accepted = page.locator('main .notice');
  await accepted.waitFor();
  assert.match(await accepted.innerText(), /يبدو أن هذا الاسم متوفر\./);
  assert.equal(await page.locator('main .error-box').count(), 0);
  assert.deepEqual(await axeViolations(page), []);

  // A name of common words only: not distinctive, the rule, and the names built on its words.
  const common = 'تعاونية اركان';
  await page.fill('#name', common);
  await page.getByRole('button', { name: 'تحقق' }).click();
  await page.waitForURL((url) => url.searchParams.get('name') === common);
  const rule = page.locator('main .error-box');
  await rule.waitFor();
  assert.match(await rule.innerText(), /لا يحمل كلمة مميزة/);
  assert.equal(await page.locator('main .notice').count(), 0);
  assert.ok((await page.locator('main table tbody tr').count()) > 0);
  assert.match(await page.locator('main table').innerText(), /أركان/);
  assert.deepEqual(await axeViolations(page), []);
});

test('a manager requests a name, an agent approves it, and anyone can verify the certificate', async () => {
  const name = await inventedName();

  // The manager files the request: too few founders first.
  const manager = await newPage(browser);
  await signIn(manager, 'manager@demo.taawun.example', '/names/requests/new');
  assert.deepEqual(await axeViolations(manager), []);
  await manager.selectOption('#kind', 'cooperative');
  await manager.fill('#name_ar', name.ar);
  await manager.fill('#name_fr', name.fr);
  await manager.selectOption('#region_code', '09');
  await manager.fill('#founders', FOUNDERS.slice(0, 2).join('\n'));
  const [refused] = await Promise.all([
    manager.waitForResponse((r) => r.request().method() === 'POST'),
    manager.click('main button[type=submit]'),
  ]);
  assert.equal(refused.status(), 422);
  const foundersError = manager.locator('#founders-error');
  await foundersError.waitFor();
  assert.match(await foundersError.innerText(), /5/);
  assert.equal(await manager.getAttribute('#founders', 'aria-invalid'), 'true');
  assert.equal(await manager.locator('.error-summary a').first().getAttribute('href'), '#founders');
  // What was typed is kept.
  assert.equal(await manager.inputValue('#name_ar'), name.ar);
  assert.equal(await manager.inputValue('#region_code'), '09');
  assert.deepEqual(await axeViolations(manager), []);

  await manager.fill('#founders', FOUNDERS.join('\n'));
  await manager.click('main button[type=submit]');
  await manager.waitForURL(/\/names\/requests\/\d+$/);
  const requestPath = new URL(manager.url()).pathname;
  assert.equal((await manager.locator('h1').innerText()).trim(), name.ar);
  assert.match(await manager.locator('dl.summary-list').innerText(), /في انتظار القرار/);
  assert.deepEqual(await axeViolations(manager), []);

  // The national agent, in another browser context, finds it in the queue.
  const agent = await newPage(browser);
  await signIn(agent, 'agent@demo.taawun.example', '/names/requests');
  const row = agent.locator('main table tbody tr', { has: agent.locator(`a[href="${requestPath}"]`) });
  await row.waitFor();
  assert.match(await row.innerText(), /في انتظار القرار/);
  assert.deepEqual(await axeViolations(agent), []);
  await row.locator(`a[href="${requestPath}"]`).click();
  await agent.waitForURL('**' + requestPath);
  // The closest names of the register are shown to the agent (a table, or "no close name": the
  // invented name is random, so either can happen).
  assert.ok(await agent.locator('main [role=status]').first().isVisible());
  assert.deepEqual(await axeViolations(agent), []);

  // A rejection needs a reason.
  await agent.check('#decision-reject');
  const [rejected] = await Promise.all([
    agent.waitForResponse((r) => r.request().method() === 'POST'),
    agent.click('main button[type=submit]'),
  ]);
  assert.equal(rejected.status(), 422);
  const reasonError = agent.locator('#reason-error');
  await reasonError.waitFor();
  assert.match(await reasonError.innerText(), /تعليل/);
  assert.equal(await agent.getAttribute('#reason', 'aria-invalid'), 'true');
  assert.deepEqual(await axeViolations(agent), []);

  await agent.check('#decision-approve');
  await agent.click('main button[type=submit]');
  await agent.waitForURL('**' + requestPath);
  assert.match(await agent.locator('dl.summary-list').innerText(), /مصادق عليه/);
  assert.deepEqual(await axeViolations(agent), []);

  await agent.getByRole('link', { name: 'عرض الشهادة' }).click();
  await agent.waitForURL('**' + requestPath + '/certificate');
  assert.match(await agent.locator('main').innerText(), /شهادة المصادقة على التسمية/);
  const code = (await agent.locator('main dl code').first().innerText()).trim();
  assert.match(code, /^[A-Z0-9]{6,}$/);
  assert.deepEqual(await axeViolations(agent), []);

  // The manager sees the decision too.
  await manager.reload();
  assert.match(await manager.locator('dl.summary-list').innerText(), /مصادق عليه/);

  // Anyone can verify the certificate by its code.
  const visitor = await newPage(browser);
  const response = await visitor.goto(server.url + '/names/certificates/' + code);
  assert.equal(response.status(), 200);
  const certificate = await visitor.locator('main').innerText();
  assert.match(certificate, /شهادة المصادقة على التسمية/);
  assert.ok(certificate.includes(name.ar), certificate);
  assert.ok(certificate.includes(name.fr), certificate);
  assert.ok(certificate.includes(code), certificate);
  assert.deepEqual(await axeViolations(visitor), []);

  // The approved name is now reserved.
  for (const taken of [name.ar, name.fr]) {
    await visitor.goto(server.url + '/names/check?name=' + encodeURIComponent(taken));
    const box = visitor.locator('main .error-box');
    await box.waitFor();
    assert.match(await box.innerText(), /هذا الاسم غير متوفر/);
    assert.ok(await visitor.locator('main table tr.blocking').first().isVisible());
  }
});

test('a regional agent sees the requests of the region but not those of another', async () => {
  const manager = await newPage(browser);
  await signIn(manager, 'manager@demo.taawun.example', '/names/requests/new');
  const elsewhere = await fileRequest(manager, await inventedName(), '09');
  const ownName = await inventedName();
  const own = await fileRequest(manager, ownName, '08');

  const agent = await newPage(browser);
  await signIn(agent, 'agent.draa@demo.taawun.example', '/names/requests');
  assert.equal(await agent.locator(`main a[href="${elsewhere}"]`).count(), 0);
  assert.ok(await agent.locator(`main a[href="${own}"]`).isVisible());

  const forbidden = await agent.goto(server.url + elsewhere);
  assert.equal(forbidden.status(), 403);
  assert.equal(await agent.locator('#decision-approve').count(), 0);
  assert.deepEqual(await axeViolations(agent), []);

  const allowed = await agent.goto(server.url + own);
  assert.equal(allowed.status(), 200);
  assert.equal((await agent.locator('h1').innerText()).trim(), ownName.ar);
  assert.ok(await agent.locator('#decision-approve').isVisible());
});
