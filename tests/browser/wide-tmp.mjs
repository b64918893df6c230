import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:8091';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
async function visit(page, paths, who) {
  for (const p of paths) {
    const r = await page.goto(base + p);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    const wide = await page.evaluate(() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 391 || e.getBoundingClientRect().left < -1).slice(0,3).map(e => e.tagName + '.' + e.className).join(' '));
    console.log(who, r.status(), w, p, w > 390 ? wide : '');
  }
}
const anon = await browser.newPage({ viewport: { width: 390, height: 844 } });
await anon.goto(base + '/cooperatives');
const coopHref = await anon.locator('main a[href^="/cooperatives/"]').first().getAttribute('href');
const camp = await (await anon.goto(base + '/campaigns')).text();
const meetingMatch = camp.match(/href="(\/meetings\/\d+)"/); const campaignMatch = camp.match(/href="(\/campaigns\/\d+)"/);
await visit(anon, ['/', '/cooperatives', coopHref, '/names/check', '/verify', '/campaigns', campaignMatch?.[1], meetingMatch?.[1], '/products', '/catalogue', '/markets', '/programmes', '/kb', '/kb/questions/q004', '/stats', '/territory', '/territory/courts', '/open-data', '/about/data', '/account/sign-in', '/account/sign-up'].filter(Boolean), 'anon');
for (const email of ['agent@demo.taawun.example', 'manager@demo.taawun.example', 'greffe.errachidia@demo.taawun.example']) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await ctx.newPage();
  await page.goto(base + '/account/sign-in');
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', 'taawun-demo-2026');
  await page.locator('main button[type=submit]').click();
  await page.waitForLoadState();
  const links = await page.evaluate(() => [...new Set([...document.querySelectorAll('a[href^="/"]')].map(a => a.getAttribute('href')))]);
  const home = page.url();
  const more = [];
  for (const l of ['/account', '/filings', '/names/requests', '/register', '/adaptation', '/obligations', '/admin/audit', '/certifications/coverage']) more.push(l);
  await visit(page, more, email.split('@')[0]);
  // one level deeper: first links of space/meeting
  for (const l of ['/account']) {
    await page.goto(base + l);
    const deeper = await page.evaluate(() => [...new Set([...document.querySelectorAll('main a[href^="/"]')].map(a => a.getAttribute('href')))].slice(0, 12));
    await visit(page, deeper, email.split('@')[0] + '>');
  }
  await ctx.close();
}
await browser.close();
