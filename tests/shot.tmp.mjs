import { chromium } from 'playwright-core';
const url = process.env.URL ?? 'http://127.0.0.1:4391/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
const page = await ctx.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push('pageerror ' + e.message));
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.type() + ' ' + m.text()); });
await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error('CSP', e.violatedDirective, e.blockedURI)));
await page.goto(url);
const waitFinal = () => page.waitForFunction(() => { const s = window.__sweetspotTest?.state(); return s?.phase === 'done' && s.result?.final && s.result.key === s.latestKey; }, null, { timeout: 60000 });
await waitFinal();
await page.waitForTimeout(500);
await page.screenshot({ path: '/tmp/shots/01-main.png' });
const steps = (process.env.STEPS ?? 'all').split(',');
const want = (s) => steps.includes('all') || steps.includes(s);
if (want('link')) {
  await page.click('[data-testid=copy-link]');
  await page.waitForTimeout(300);
  await page.screenshot({ path: '/tmp/shots/02-link.png' });
  await page.keyboard.press('Escape');
}
if (want('files')) {
  await page.click('[data-testid=open-files]');
  await page.waitForTimeout(300);
  await page.screenshot({ path: '/tmp/shots/03-files.png' });
  await page.keyboard.press('Escape');
}
if (want('library')) {
  await page.click('[data-testid=open-library]');
  await page.fill('[data-testid=library-name]', 'My first');
  await page.click('[data-testid=library-save-new]');
  await page.waitForTimeout(500);
  await page.click('[data-testid=library-duplicate]');
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/shots/04-library.png' });
  await page.keyboard.press('Escape');
}
if (want('report')) {
  await page.click('[data-testid=open-report]');
  await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/shots/05-report.png' });
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: '/tmp/shots/report.pdf', format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  await page.click('[data-testid=report-close]');
}
if (want('trainer')) {
  await page.click('[data-testid=open-trainer]');
  await page.waitForTimeout(300);
  await page.screenshot({ path: '/tmp/shots/10-trainer.png' });
  await page.click('[data-testid=lesson-' + (process.env.LESSON ?? 'focus-or-chase') + ']');
  for (let i = 0; i < 12; i++) {
    await page.waitForTimeout(i === 5 ? 2500 : 400);
    const slide = await page.getAttribute('[data-testid=t-stage]', 'data-slide');
    if (slide === 'question') await page.keyboard.press('2');
    if (slide === 'replay') { for (let k = 0; k < 6; k++) await page.click('[data-testid=replay-step]'); await page.waitForTimeout(300); }
    await page.screenshot({ path: `/tmp/shots/11-slide-${String(i).padStart(2, '0')}-${slide}.png` });
    if (await page.isDisabled('[data-testid=t-next]')) break;
    await page.keyboard.press('ArrowRight');
  }
}
console.log(errors.join('\n'));
await browser.close();
