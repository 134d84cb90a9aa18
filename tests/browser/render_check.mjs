// Opens a page in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) at a given viewport width, measures how it rendered and
// prints the measurements as one JSON object on stdout; optionally saves a
// full-page screenshot. The calling test (C++, GoogleTest) asserts on them.
//
//   node render_check.mjs URL WIDTH [SCREENSHOT.png]
//
// Measured: the document's scroll width against the viewport (a page that
// overflows sideways on a phone is broken), and every cell bar (a table whose
// cells carry width="N%" and bgcolor): the declared percentages and the
// widths Chromium actually gave the cells, in percent of the bar.
import { chromium } from 'playwright-core';

const [url, widthArg, screenshot] = process.argv.slice(2);
if (!url || !widthArg) {
  console.error('usage: node render_check.mjs URL WIDTH [SCREENSHOT.png]');
  process.exit(2);
}
const width = Number(widthArg);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width, height: 800 }, deviceScaleFactor: 2 });
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  const external = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith(url)) external.push(r.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  const measured = await page.evaluate(() => {
    const bars = [];
    for (const table of document.querySelectorAll('table')) {
      const cells = [...table.querySelectorAll(':scope > tbody > tr > td[bgcolor]')];
      if (cells.length === 0 || cells.some((c) => !/%$/.test(c.getAttribute('width') || ''))) {
        continue;
      }
      const total = table.getBoundingClientRect().width;
      bars.push({
        declared: cells.map((c) => parseFloat(c.getAttribute('width'))),
        rendered: cells.map((c) => (100 * c.getBoundingClientRect().width) / total),
      });
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      viewportWidth: window.innerWidth,
      title: document.title,
      lang: document.documentElement.lang,
      textLength: document.body.innerText.length,
      bars,
    };
  });
  measured.failedRequests = failed;
  measured.externalRequests = external;
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify(measured));
} finally {
  await browser.close();
}
