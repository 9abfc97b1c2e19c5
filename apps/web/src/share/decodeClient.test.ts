import { encodeShareCode, PRESETS, type Scenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import {
  type DecodeReply,
  type DecodeRequest,
  type DecodeWorkerLike,
  inThreadLinkDecoder,
  workerLinkDecoder,
} from './decodeClient.ts';

type Behaviour = 'answer' | 'crash' | 'wrong-id-then-answer';

/** A fake worker that runs the in-thread decoder, crashes, or answers another request first. */
function fakeWorkers(behaviour: Behaviour) {
  const made: Array<{ terminated: boolean; posted: DecodeRequest[] }> = [];
  const create = (): DecodeWorkerLike => {
    const record = { terminated: false, posted: [] as DecodeRequest[] };
    made.push(record);
    const onMessage: Array<(e: { data: DecodeReply }) => void> = [];
    const onError: Array<(e: { message?: string; preventDefault?: () => void }) => void> = [];
    return {
      postMessage(message) {
        record.posted.push(message);
        queueMicrotask(async () => {
          if (behaviour === 'crash') {
            for (const l of onError) l({ message: 'Maximum call stack size exceeded' });
            return;
          }
          if (behaviour === 'wrong-id-then-answer')
            for (const l of onMessage)
              l({ data: { id: message.id + 1000, result: { ok: false, errors: [] } } });
          const result = await inThreadLinkDecoder(message.code);
          for (const l of onMessage) l({ data: { id: message.id, result } });
        });
      },
      addEventListener(type: 'message' | 'error', listener: never) {
        if (type === 'message') onMessage.push(listener);
        else onError.push(listener);
      },
      terminate() {
        record.terminated = true;
      },
    };
  };
  return { made, create };
}

const preset = PRESETS[0] as Scenario;

describe('the link decoder worker client', () => {
  it('decodes in a worker and ends it once it has answered', async () => {
    const { made, create } = fakeWorkers('answer');
    const decode = workerLinkDecoder(create);
    const r = await decode(encodeShareCode(preset));
    expect(r.ok && r.scenario.name).toBe(preset.name);
    expect(made).toHaveLength(1);
    expect(made[0]?.terminated).toBe(true);
    const bad = await decode('s1.AAAA');
    expect(bad.ok).toBe(false);
    expect(made).toHaveLength(2);
    expect(made.every((w) => w.terminated)).toBe(true);
  });

  it('ignores answers to other requests', async () => {
    const { create } = fakeWorkers('wrong-id-then-answer');
    const r = await workerLinkDecoder(create)(encodeShareCode(preset));
    expect(r.ok).toBe(true);
  });

  it('reports a crashed worker as the link’s problem, and ends it', async () => {
    const { made, create } = fakeWorkers('crash');
    const r = await workerLinkDecoder(create)(encodeShareCode(preset));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toMatch(/^the link could not be opened .*call stack/);
    expect(made[0]?.terminated).toBe(true);
  });

  it('reports a worker that cannot be created', async () => {
    const r = await workerLinkDecoder(() => {
      throw new Error('blocked');
    })('s1.x');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toContain('did not start: blocked');
  });
});
