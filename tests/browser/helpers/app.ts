/**
 * Shared by the browser tests and the UI benchmark: build the web app if its dist/ is missing or
 * older than its sources, serve it with `vite preview` on a free port, launch Chromium headless
 * with playwright-core, and open the app with request/CSP/long-task recording.
 *
 * No vitest import here, so `tsx tests/browser/bench-ui.ts` can use it too.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import type { PageWindow, StateView } from './page-types.ts';

export { CHROMIUM_CANDIDATES, findChromium, NO_CHROMIUM_MESSAGE } from './chromium.ts';

export const ROOT = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const WEB = path.join(ROOT, 'apps/web');
export const DIST = path.join(WEB, 'dist');
/** Screenshots and reports (test-results/ is gitignored). */
export const ARTIFACTS = path.join(ROOT, 'test-results/browser');

export const VIEWPORT = { width: 1280, height: 720 } as const;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(entry)) {
    if (name === 'node_modules' || name === 'dist' || name.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/** Sources the built app depends on. */
function sourcesMtime(): number {
  const web = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) =>
    path.join(WEB, p),
  );
  const packagesDir = path.join(ROOT, 'packages');
  const packages = existsSync(packagesDir)
    ? readdirSync(packagesDir).flatMap((p) => [
        path.join(packagesDir, p, 'src'),
        path.join(packagesDir, p, 'package.json'),
      ])
    : [];
  return Math.max(...[...web, ...packages].map(newestMtime));
}

/** Builds apps/web unless dist/ is newer than every source it is built from. */
export function ensureBuilt(log: (line: string) => void = console.log): void {
  const index = path.join(DIST, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built > sourcesMtime()) return;
  log(
    existsSync(index)
      ? 'apps/web/dist is stale: rebuilding…'
      : 'apps/web/dist is missing: building…',
  );
  // vitest sets NODE_ENV=test, and vite builds React's development bundle unless NODE_ENV is
  // production: say so explicitly, the tests are about the production build.
  execFileSync('npm', ['run', '-w', '@sweetspot/web', 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/** The built page's main script (to check it is a production build). */
export function builtMainScript(): string {
  const assets = path.join(DIST, 'assets');
  const main = readdirSync(assets).find((f) => f.startsWith('index-') && f.endsWith('.js'));
  return main ? readFileSync(path.join(assets, main), 'utf8') : '';
}

/** The CSP the built page declares in its <meta http-equiv>. */
export function builtCsp(): string {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const m = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/s.exec(html);
  return m?.[1] ?? '';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

/** Serves apps/web/dist with `vite preview` on a free port (the production build). */
export async function startPreview(): Promise<PreviewServer> {
  const port = await freePort();
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const child: ChildProcess = spawn(
    process.execPath,
    // Our own port, so a `npm start` preview of the same app may run alongside.
    [vite, 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { cwd: WEB, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited early:\n${output}`);
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`vite preview did not answer on ${url}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => {
          if (child.exitCode === null) child.kill('SIGKILL');
        }, 3000).unref();
      }),
  };
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/** A page of the app, with what it did recorded. */
export interface AppPage {
  page: Page;
  context: BrowserContext;
  origin: string;
  /** Requests to any origin but the app's own (data: and blob: excluded). */
  externalRequests: string[];
  /** securitypolicyviolation events: "directive blocked-uri source:line". */
  cspViolations: string[];
  pageErrors: string[];
  consoleErrors: string[];
  close(): Promise<void>;
}

/** Opens the app at 1280×720 with request, CSP, error and long-task recording. */
export async function openApp(browser: Browser, baseUrl: string, query = ''): Promise<AppPage> {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  const page = await context.newPage();
  const origin = new URL(baseUrl).origin;
  const app: AppPage = {
    page,
    context,
    origin,
    externalRequests: [],
    cspViolations: [],
    pageErrors: [],
    consoleErrors: [],
    close: () => context.close(),
  };
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) app.externalRequests.push(url);
  });
  page.on('pageerror', (error) => app.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') app.consoleErrors.push(message.text());
  });
  await page.exposeBinding('__reportCspViolation', (_source, text: string) => {
    app.cspViolations.push(text);
  });
  await page.addInitScript(() => {
    const w = globalThis as unknown as PageWindow;
    w.__longTasks = [];
    w.document.addEventListener('securitypolicyviolation', (event) => {
      const e = event as unknown as {
        violatedDirective: string;
        blockedURI: string;
        sourceFile: string;
        lineNumber: number;
      };
      void w.__reportCspViolation?.(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      );
    });
    try {
      new w.PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          w.__longTasks?.push({ start: entry.startTime, duration: entry.duration });
        }
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // longtask timing unsupported: the tests that need it say so
    }
  });
  await page.goto(`${baseUrl}${query}`);
  return app;
}

/** The controller state, reduced to what tests look at. */
export async function runState(page: Page): Promise<StateView> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    const s = w.__sweetspotTest?.state();
    if (!s) throw new Error('window.__sweetspotTest is missing: is this the Sweetspot app?');
    return {
      phase: s.phase,
      runId: s.runId,
      runKey: s.runKey,
      latestKey: s.latestKey,
      scheduled: s.scheduled,
      progress: s.progress,
      precise: s.precise,
      precision: s.precision
        ? {
            trials: s.precision.trials,
            expected: s.precision.expected,
            met: s.precision.met,
            line: s.precision.line,
          }
        : undefined,
      secondsLeft: s.secondsLeft,
      error: s.error,
      timing: s.timing,
      result: s.result
        ? {
            runId: s.result.runId,
            key: s.result.key,
            done: s.result.done,
            total: s.result.total,
            final: s.result.final,
          }
        : undefined,
    };
  });
}

/** Waits until the latest valid scenario's final result is on screen. */
export async function waitForFinal(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = globalThis as unknown as PageWindow;
      const s = w.__sweetspotTest?.state();
      return (
        s !== undefined &&
        s.phase === 'done' &&
        !s.scheduled &&
        s.result?.final === true &&
        s.result.key === s.latestKey
      );
    },
    null,
    { timeout, polling: 100 },
  );
  // Let React commit and the charts draw.
  await settle(page);
}

/** Two animation frames and an idle moment: the DOM reflects the state. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const w = globalThis as unknown as PageWindow;
        w.requestAnimationFrame(() => w.requestAnimationFrame(() => setTimeout(resolve, 50)));
      }),
  );
}

/** Saves the scenario being edited in the library as a new entry; the library stays open. */
export async function saveToLibrary(page: Page, name: string): Promise<void> {
  await page.getByTestId('open-library').click();
  await page.getByTestId('library-name').fill(name);
  await page.getByTestId('library-save-new').click();
}

/** Scrolls the results pane through in 400-pixel steps, settling at each, so lazy charts draw. */
export async function scrollResultsThrough(page: Page): Promise<void> {
  const pane = page.locator('.results-pane');
  const height = await pane.evaluate(
    (el) => (el as unknown as { scrollHeight: number }).scrollHeight,
  );
  for (let y = 0; y <= height; y += 400) {
    await pane.evaluate((el, top) => {
      (el as unknown as { scrollTop: number }).scrollTop = top;
    }, y);
    await settle(page);
  }
}

/** Scrolls the results pane through and waits a moment: every (lazily drawn) chart is drawn. */
export async function drawAllCharts(page: Page): Promise<void> {
  await scrollResultsThrough(page);
  await page.waitForTimeout(200);
}

/** A locator's text with whitespace collapsed (textContent: visually hidden text included). */
export async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Texts of the headline cards, keyed by card and side ("bookings.A", "beats.bookings"…). */
export async function headlineTexts(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const cards = page.locator('[data-testid^="card-"]');
  const n = await cards.count();
  for (let i = 0; i < n; i++) {
    const card = cards.nth(i);
    const id = ((await card.getAttribute('data-testid')) ?? '').replace('card-', '');
    out[id] = await text(card);
  }
  return out;
}

/** Replaces a field's text the way typing does (one input event). */
export async function setField(page: Page, fieldId: string, value: string): Promise<void> {
  await page.fill(`#${fieldId}`, value);
}

/**
 * Asks for exactly `trials` trials: turns off "Stop when the headline is precise" (docs/model.md
 * §17), sets Trials, and answers "Run it" if the app asks first (a run estimated over a minute).
 */
export async function runExactly(page: Page, trials: number): Promise<void> {
  const precise = page.locator('#field-precision');
  if (await precise.isChecked()) await precise.uncheck();
  await page.fill('#field-trials', String(trials));
  const prompt = page.getByTestId('link-run-prompt');
  await page.waitForTimeout(400);
  if ((await prompt.count()) > 0) await page.getByTestId('link-run-all').click();
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/** Longest long task recorded since `since` (ms, page clock), and how many there were. */
export async function longTasksSince(
  page: Page,
  since: number,
): Promise<{ max: number; count: number }> {
  return page.evaluate((t0) => {
    const w = globalThis as unknown as PageWindow;
    const tasks = (w.__longTasks ?? []).filter((t) => t.start >= t0);
    return { max: Math.max(0, ...tasks.map((t) => t.duration)), count: tasks.length };
  }, since);
}

export async function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}
