import { decodeShareCode, encodeShareCode, PRESETS, type Scenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { type FakeWorker, fakeWorker } from '../fake-worker.ts';
import { type DecodeWorkerApi, inThreadLinkDecoder, workerLinkDecoder } from './decodeClient.ts';

type Behaviour = 'answer' | 'crash';

/** Fake workers that decode in this thread, or crash once asked (a pathological document). */
function fakeWorkers(behaviour: Behaviour) {
  const made: FakeWorker[] = [];
  const asked: string[] = [];
  const create = (): Worker => {
    const api: DecodeWorkerApi = {
      decode(code) {
        asked.push(code);
        if (behaviour === 'crash') {
          queueMicrotask(() => fake.crash('Maximum call stack size exceeded'));
          return new Promise<never>(() => {}) as never;
        }
        return decodeShareCode(code);
      },
    };
    const fake = fakeWorker(api);
    made.push(fake);
    return fake.worker;
  };
  return { made, asked, create };
}

const preset = PRESETS[0] as Scenario;

describe('the link decoder worker client', () => {
  it('decodes in a worker and ends it once it has answered', async () => {
    const { made, asked, create } = fakeWorkers('answer');
    const decode = workerLinkDecoder(create);
    const code = encodeShareCode(preset);
    const r = await decode(code);
    expect(r.ok && r.scenario.name).toBe(preset.name);
    expect(asked).toEqual([code]);
    expect(made).toHaveLength(1);
    expect(made[0]?.terminated).toBe(true);
    const bad = await decode('s1.AAAA');
    expect(bad).toEqual(await inThreadLinkDecoder('s1.AAAA'));
    expect(bad.ok).toBe(false);
    expect(made).toHaveLength(2);
    expect(made.every((w) => w.terminated)).toBe(true);
  });

  it('decodes links asked at the same time each in its own worker, each with its answer', async () => {
    const { made, create } = fakeWorkers('answer');
    const decode = workerLinkDecoder(create);
    const [a, b] = await Promise.all([decode(encodeShareCode(preset)), decode('s1.AAAA')]);
    expect(a.ok && a.scenario.name).toBe(preset.name);
    expect(b.ok).toBe(false);
    expect(made).toHaveLength(2);
    expect(made.every((w) => w.terminated)).toBe(true);
  });

  it('reports a crashed worker as the link’s problem, and ends it', async () => {
    const { made, create } = fakeWorkers('crash');
    const r = await workerLinkDecoder(create)(encodeShareCode(preset));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]?.message).toBe(
        'the link could not be opened (its decoder stopped: Maximum call stack size exceeded)',
      );
    expect(made[0]?.crashHandled).toBe(true);
    expect(made[0]?.terminated).toBe(true);
  });

  it('reports a worker that cannot be created', async () => {
    const r = await workerLinkDecoder(() => {
      throw new Error('blocked');
    })('s1.x');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]?.message).toBe(
        'the link could not be opened (its decoder did not start: blocked)',
      );
  });
});
