// Drives the owner's web page (/w/) of a running cadenced in headless
// Chromium (Debian's /usr/bin/chromium, driven by playwright-core) the way a
// salesperson would on a phone: open the sign-in link, search a contact, pick
// a kind, type a note and tap "log touch". Prints one JSON object of what
// happened and what was measured on stdout; the calling test (C++,
// GoogleTest) asserts on it and checks the daemon's database.
//
//   node owner_page.mjs LOGIN_URL WIDTH SEARCH CONTACT_ID KIND NOTE [SCREENSHOT.png]
//
// Measured on every page: scroll width against the viewport (no sideways
// scrolling), the smallest height of a button, input or select (tap
// targets), and every request to a host that is not loopback.
import { chromium } from 'playwright-core';

const [url, widthArg, search, contactId, kind, note, screenshot] = process.argv.slice(2);
if (!url || !widthArg || !search || !contactId || !kind || note === undefined) {
  console.error('usage: node owner_page.mjs URL WIDTH SEARCH CONTACT_ID KIND NOTE [SCREENSHOT.png]');
  process.exit(2);
}
const width = Number(widthArg);
const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const context = await browser.newContext({
    viewport: { width, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const external = [];
  const failed = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && !loopback.has(u.hostname)) external.push(r.url());
  });
  page.on('requestfailed', (r) => failed.push(r.url()));
  const measure = async (step) =>
    page.evaluate((name) => {
      const controls = [...document.querySelectorAll('button, .btn, input:not([type=hidden]), select')];
      const heights = controls.map((c) => c.getBoundingClientRect().height);
      return {
        step: name,
        url: location.href,
        lang: document.documentElement.lang,
        scrollWidth: document.documentElement.scrollWidth,
        viewportWidth: window.innerWidth,
        minControlHeight: heights.length ? Math.min(...heights) : 0,
        controls: heights.length,
        flash: document.querySelector('.flash')?.textContent ?? '',
        reminders: [...document.querySelectorAll('#today li .t')].map((e) => e.textContent),
        scripts: document.querySelectorAll('script').length,
      };
    }, step);

  const steps = [];
  const first = await page.goto(url, { waitUntil: 'load' });
  steps.push({ ...(await measure('signed-in')), status: first.status() });

  await page.fill('input[name=q]', search);
  await Promise.all([page.waitForNavigation(), page.click('form.search button')]);
  steps.push(await measure('searched'));
  const card = page.locator('li.contact', {
    has: page.locator(`input[name=contact][value="${contactId}"]`),
  });
  const found = await card.count();
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  if (found === 1) {
    await card.locator('select[name=kind]').selectOption(kind);
    await card.locator('input[name=note]').fill(note);
    await Promise.all([page.waitForNavigation(), card.locator('button[type=submit]').click()]);
    steps.push(await measure('logged'));
  }
  console.log(JSON.stringify({ found, steps, externalRequests: external, failedRequests: failed }));
} finally {
  await browser.close();
}
