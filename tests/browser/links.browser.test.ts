/**
 * Share links that could hurt (issue 16), in the production build in Chromium: a link is decoded
 * in a worker that is ended afterwards; a zip bomb is refused with a message; a link whose run is
 * estimated over a minute runs nothing until asked ("Run it?" / "Run fewer"), whether it opens the
 * page or is pasted into an open tab.
 */
import { defaultScenario, encodeShareCode, SHARE_PREFIX } from '@sweetspot/scenario';
import { zlibSync } from 'fflate';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { artifactPath, runState, settle, text, waitForFinal } from './helpers/app.ts';
import { browserSuite, checkedOpener } from './helpers/suite.ts';

/** The default scenario with 100 reps and a million trials: hours of simulation. */
function heavyLink(): string {
  const s = defaultScenario();
  s.team.reps = 100;
  s.trials = 1_000_000;
  // A fixed-count link (as every link made before precision-stopped runs): exactly these trials.
  delete s.precision;
  return encodeShareCode(s);
}

function bombLink(): string {
  const bomb = zlibSync(new Uint8Array(20 * 1024 * 1024).fill(32), { level: 9 });
  let b = '';
  for (const x of bomb) b += String.fromCharCode(x);
  return SHARE_PREFIX + btoa(b).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Records the URLs of the dedicated workers the page starts. */
function recordWorkers(page: Page): string[] {
  const started: string[] = [];
  page.on('worker', (w) => started.push(w.url()));
  return started;
}

browserSuite('share links that could hurt (production build, Chromium)', (suite) => {
  // CSP violations and uncaught errors only: these tests never checked the requests' origins.
  const openWith = checkedOpener(suite, { sameOriginOnly: false });

  /** Pastes a link into the open tab (only the fragment changes: no reload). */
  async function paste(page: Page, code: string): Promise<void> {
    await page.evaluate((hash) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = hash;
    }, `#s=${code}`);
  }

  it('decodes a link in a worker, ends it, and refuses a zip bomb with a message', async () => {
    const { page } = await openWith();
    await waitForFinal(page);
    const started = recordWorkers(page);
    await paste(page, bombLink());
    const notice = page.getByTestId('link-notice');
    await notice.waitFor({ timeout: 60_000 });
    expect(await text(notice)).toMatch(/too much data \(over 1 MiB once unpacked\)/);
    expect(started.some((u) => u.includes('/decode.worker-'))).toBe(true);
    await expect
      .poll(() => page.workers().filter((w) => w.url().includes('/decode.worker-')).length)
      .toBe(0);
    // The scenario on screen is kept and its results stay final.
    await waitForFinal(page);
  });

  it('a link whose run would take over a minute asks first; "Run fewer" runs a round number', async () => {
    const { page } = await openWith(`#s=${heavyLink()}`);
    const prompt = page.getByTestId('link-run-prompt');
    await prompt.waitFor({ timeout: 60_000 });
    const question = await text(prompt);
    expect(question).toMatch(/^This link asks for 1,000,000 trials \(about [\d\w ]+\)\. Run it\?/);
    expect(question).toMatch(/about 31,200 deals per trial/i);
    await settle(page);
    await page.screenshot({ path: artifactPath('40-link-run-prompt.png') });
    // Nothing has run: no run was ever started on this page.
    const before = await runState(page);
    expect(before.runId).toBe(0);
    expect(before.phase).toBe('idle');
    expect(await text(page.getByTestId('run-status'))).toBe(
      'Waiting for your answer above before running.',
    );
    expect(await text(page.getByTestId('results-empty'))).toBe('No results yet.');
    const fewer = page.getByTestId('link-run-fewer');
    const fewerTrials = Number(((await fewer.textContent()) ?? '').replace(/\D/g, ''));
    expect(String(fewerTrials)).toMatch(/^[125]0*$/);
    expect(fewerTrials).toBeLessThan(1_000_000);
    await fewer.click();
    await expect.poll(() => page.getByTestId('link-run-prompt').count()).toBe(0);
    await expect.poll(() => page.inputValue('#field-trials')).toBe(String(fewerTrials));
    await expect.poll(async () => (await runState(page)).progress?.total).toBe(fewerTrials);
    await page.getByTestId('stop').click();
  });

  it('"Run it" runs all the trials the link asks for', async () => {
    const { page } = await openWith(`#s=${heavyLink()}`);
    await page.getByTestId('link-run-prompt').waitFor({ timeout: 60_000 });
    expect((await runState(page)).runId).toBe(0);
    await page.getByTestId('link-run-all').click();
    await expect.poll(async () => (await runState(page)).progress?.total).toBe(1_000_000);
    expect(await page.inputValue('#field-trials')).toBe('1000000');
    await page.getByTestId('stop').click();
  });

  it('a heavy link pasted into an open tab asks too, before any run', async () => {
    const { page } = await openWith();
    await waitForFinal(page);
    const runsBefore = (await runState(page)).runId;
    await paste(page, heavyLink());
    await page.getByTestId('link-run-prompt').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.inputValue('#field-team-reps')).toBe('100');
    await settle(page);
    expect((await runState(page)).runId).toBe(runsBefore);
  });
});
