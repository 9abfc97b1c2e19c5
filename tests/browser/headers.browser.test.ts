/**
 * The production server (`npm start` runs `vite preview`, configured in apps/web/vite.config.ts)
 * sends security headers on every response, and Chromium enforces them: the app runs under the
 * header CSP (workers included, since a worker takes its policy from its own response) and no
 * other page can frame it.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { builtCsp, DIST, waitForFinal } from './helpers/app.ts';
import { browserSuite, checkedOpener } from './helpers/suite.ts';

/** Directive name → its value, from a policy string. */
function directives(policy: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values.join(' '));
  }
  return map;
}

browserSuite('security headers of the production server', (suite) => {
  // CSP violations and uncaught errors only: these tests never checked the requests' origins.
  const open = checkedOpener(suite, { sameOriginOnly: false });

  it('sends the CSP with frame-ancestors, nosniff and a referrer policy on every response', async () => {
    const assets = readdirSync(path.join(DIST, 'assets'));
    const worker = assets.find((f) => f.startsWith('sim.worker') && f.endsWith('.js'));
    const script = assets.find((f) => f.startsWith('index-') && f.endsWith('.js'));
    expect(worker, 'a built simulation worker').toBeDefined();
    expect(script, 'a built main script').toBeDefined();
    const paths = [
      '',
      'index.html',
      `assets/${script}`,
      `assets/${worker}`,
      'sw.js',
      'manifest.webmanifest',
      // A path the server does not have: the SPA fallback answers, with the same headers.
      'no/such/page',
    ];
    const meta = directives(builtCsp());
    expect(meta.size).toBeGreaterThan(5);
    for (const p of paths) {
      const res = await fetch(new URL(p, suite.url));
      expect(res.status, p).toBeLessThan(400);
      const csp = res.headers.get('content-security-policy');
      expect(csp, `${p}: Content-Security-Policy`).not.toBeNull();
      const header = directives(csp ?? '');
      // The meta tag's policy, directive by directive, plus frame-ancestors (which a meta cannot carry).
      for (const [name, value] of meta) expect(header.get(name), `${p}: ${name}`).toBe(value);
      expect(header.get('frame-ancestors'), p).toBe("'none'");
      expect(header.size, p).toBe(meta.size + 1);
      expect(res.headers.get('x-content-type-options'), p).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), p).toBe('no-referrer');
      expect(res.headers.get('x-frame-options'), p).toBe('DENY');
      await res.arrayBuffer();
    }
  });

  it('runs a simulation under the header policy without a violation', async () => {
    const app = await open();
    const response = await app.page.reload();
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await waitForFinal(app.page);
    expect(await app.page.locator('[data-testid="results"]').count()).toBe(1);
  });

  it('cannot be framed by another page', async () => {
    const context = await suite.browser.newContext();
    try {
      const page = await context.newPage();
      // The framing page is about:blank (another origin); Chromium refuses the framed document.
      const outcome = new Promise<string>((resolve) => {
        page.on('requestfinished', (r) => {
          if (r.url() === suite.url) resolve('loaded');
        });
        page.on('requestfailed', (r) => {
          if (r.url() === suite.url) resolve(r.failure()?.errorText ?? 'failed');
        });
      });
      await page.setContent(`<iframe src="${suite.url}" width="600" height="400"></iframe>`);
      expect(await outcome).toMatch(/ERR_BLOCKED_BY_(RESPONSE|CSP)/);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      // The framed app never ran: no test hook in the frame.
      const ran = await frame?.evaluate(() => '__sweetspotTest' in globalThis).catch(() => false);
      expect(ran ?? false).toBe(false);
    } finally {
      await context.close();
    }
  });
});
