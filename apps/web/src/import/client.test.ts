import { defaultScenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { fakeWorker } from '../fake-worker.ts';
import { CalibrationClient } from './client.ts';
import type { AnalyzeConfig, ParseOutcome, ParseProgress } from './types.ts';

const base = defaultScenario();
const config = { mainFileId: 1 } as AnalyzeConfig;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A fake calibration worker: parse reports progress twice and then waits until `finish` is
 * called (or the parse is cancelled); analyze answers, or throws when asked to.
 */
function fakeImportWorker() {
  const log: string[] = [];
  const cancelled = new Set<number>();
  let finished = false;
  const api = {
    async parse(
      req: number,
      fileId: number,
      file: Blob,
      onProgress: (p: ParseProgress) => Promise<void>,
    ): Promise<ParseOutcome> {
      log.push(`parse ${req} file ${fileId} of ${file.size} bytes`);
      await onProgress({ bytes: 1, totalBytes: file.size, rows: 1 });
      while (!finished && !cancelled.has(req) && !fake.terminated)
        await new Promise((resolve) => setTimeout(resolve, 1));
      if (cancelled.has(req)) return { status: 'cancelled' };
      await onProgress({ bytes: file.size, totalBytes: file.size, rows: 2 });
      return { status: 'failed', message: 'no header row' };
    },
    cancel(req: number) {
      log.push(`cancel ${req}`);
      cancelled.add(req);
    },
    drop(fileId: number) {
      log.push(`drop ${fileId}`);
    },
    analyze(c: AnalyzeConfig) {
      if (c.mainFileId === 99) throw new Error('file 99 is not loaded');
      log.push(`analyze ${c.mainFileId}`);
      return { rows: 12 };
    },
    calibrate: () => new Promise(() => {}),
    forecast: () => ({ ok: false, message: 'too few quarters' }),
    forecastBacktest: () => ({ ok: false, message: 'too few quarters' }),
  };
  const fake = fakeWorker(api);
  return {
    fake,
    log,
    finish: () => {
      finished = true;
    },
  };
}

describe('the calibration worker client', () => {
  it('answers requests, and passes on a request’s error as it is', async () => {
    const { fake, log } = fakeImportWorker();
    const client = new CalibrationClient(fake.worker);
    expect(await client.analyze(config)).toEqual({ rows: 12 });
    expect(await client.forecast({} as never, base)).toEqual({
      ok: false,
      message: 'too few quarters',
    });
    await expect(client.analyze({ mainFileId: 99 } as AnalyzeConfig)).rejects.toThrow(
      /^file 99 is not loaded$/,
    );
    // A request's error leaves the worker (and its parsed files) alone.
    expect(await client.analyze(config)).toEqual({ rows: 12 });
    expect(log).toEqual(['analyze 1', 'analyze 1']);
    expect(fake.terminated).toBe(false);
    client.terminate();
    expect(fake.terminated).toBe(true);
  });

  it('reports parse progress before the outcome, numbering files', async () => {
    const { fake, log, finish } = fakeImportWorker();
    const client = new CalibrationClient(fake.worker);
    const seen: string[] = [];
    const job = client.parse(new File(['a,b\n1,2\n'], 'deals.csv'), (p) =>
      seen.push(`${p.rows} rows`),
    );
    expect(job.fileId).toBe(1);
    await settle();
    finish();
    const outcome = await job.promise;
    seen.push(outcome.status);
    expect(seen).toEqual(['1 rows', '2 rows', 'failed']);
    expect(log).toEqual(['parse 1 file 1 of 8 bytes']);
    const second = client.parse(new File([], 'x.csv'), () => {});
    expect(second.fileId).toBe(2);
    client.terminate();
    await expect(second.promise).rejects.toThrow('the import was closed');
  });

  it('cancels a parse, and tells the worker to drop a file', async () => {
    const { fake, log } = fakeImportWorker();
    const client = new CalibrationClient(fake.worker);
    const job = client.parse(new File(['abc'], 'deals.csv'), () => {});
    await settle();
    job.cancel();
    expect(await job.promise).toEqual({ status: 'cancelled' });
    client.drop(job.fileId);
    await client.analyze(config); // answered after the drop: messages keep their order
    expect(log).toEqual(['parse 1 file 1 of 3 bytes', 'cancel 1', 'drop 1', 'analyze 1']);
    client.terminate();
  });

  it('when the worker dies, fails what is in flight and everything after with one message', async () => {
    const { fake } = fakeImportWorker();
    const client = new CalibrationClient(fake.worker);
    const pending = client.calibrate({} as never, base);
    await settle();
    fake.crash('out of memory');
    const sentence = 'the import worker stopped (out of memory); close the import and try again';
    await expect(pending).rejects.toThrow(sentence);
    await expect(client.analyze(config)).rejects.toThrow(sentence);
    expect(fake.crashHandled).toBe(true);
    expect(fake.terminated).toBe(true);
    client.drop(1); // nothing to tell a dead worker; no error either
    client.terminate();
  });

  it('notices a worker that fails before the first request', async () => {
    const { fake } = fakeImportWorker();
    const client = new CalibrationClient(fake.worker);
    fake.crash('');
    await expect(client.analyze(config)).rejects.toThrow(
      /^the import worker stopped \(.+\); close the import and try again$/,
    );
  });

  it('terminate ends the worker and fails what is in flight', async () => {
    const { fake } = fakeImportWorker();
    const client = new CalibrationClient(fake.worker);
    const pending = client.calibrate({} as never, base);
    await settle();
    client.terminate();
    await expect(pending).rejects.toThrow(/^the import was closed$/);
    await expect(client.analyze(config)).rejects.toThrow(/^the import was closed$/);
    expect(fake.terminated).toBe(true);
  });
});
