import 'fake-indexeddb/auto';
import { PRESETS, type Scenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { openStoredScenario } from './logic.ts';
import { LibraryError, type LibraryFaults, type LibraryHeadline, openLibrary } from './store.ts';

const [saas, panic] = PRESETS as [Scenario, Scenario, Scenario];
let n = 0;
/** A fresh database per test, with a clock that ticks one second per call. */
function fresh(faults?: LibraryFaults) {
  let t = 1_700_000_000_000;
  return openLibrary({ name: `test-library-${++n}`, now: () => (t += 1000), faults });
}

/** A fresh database's name, and a way to open it (again, as after a reload). */
function named() {
  const name = `test-library-${++n}`;
  return { name, open: (faults?: LibraryFaults) => openLibrary({ name, faults }) };
}

const headline: LibraryHeadline = {
  period: 'Year',
  currency: 'USD',
  trials: 1000,
  a: { id: 'focus', name: 'Focus', meanBookings: 4_800_000 },
  b: { id: 'chase', name: 'Chase', meanBookings: 3_100_000 },
  pABeatsB: 0.99,
  computedAt: 1,
};

async function revisionCount(name: string): Promise<number> {
  const { openDB } = await import('idb');
  const db = await openDB(name);
  const count = await db.count('revisions');
  db.close();
  return count;
}

describe('library store (IndexedDB)', () => {
  it('saves, lists newest first, opens, renames, duplicates and deletes', async () => {
    const lib = await fresh();
    const a = await lib.save({ name: 'Baseline', scenario: saas, headline });
    const b = await lib.save({ name: 'Panic', scenario: panic });
    expect((await lib.list()).map((e) => e.name)).toEqual(['Panic', 'Baseline']);

    const opened = await lib.get(a.id);
    expect(opened?.entry.headline).toEqual(headline);
    expect(opened?.scenario).toEqual(saas);

    await lib.rename(a.id, 'Baseline v2');
    expect((await lib.get(a.id))?.entry.name).toBe('Baseline v2');

    const copy = await lib.duplicate(b.id, 'Panic (copy)');
    expect(copy.id).not.toBe(b.id);
    expect((await lib.get(copy.id))?.scenario).toEqual(panic);
    expect((await lib.list()).length).toBe(3);

    await lib.remove(b.id);
    expect((await lib.list()).map((e) => e.name).sort()).toEqual(['Baseline v2', 'Panic (copy)']);
    expect(await lib.get(b.id)).toBeUndefined();
    // The copy survives its original.
    expect((await lib.get(copy.id))?.scenario).toEqual(panic);
    lib.close();
  });

  it('survives closing and reopening (a reload)', async () => {
    const { open } = named();
    const first = await open();
    const saved = await first.save({ name: 'Kept', scenario: saas });
    first.close();
    const again = await open();
    expect((await again.list()).map((e) => e.name)).toEqual(['Kept']);
    expect((await again.get(saved.id))?.scenario).toEqual(saas);
    again.close();
  });

  it('a new version replaces the old one: one revision per entry', async () => {
    const { name, open } = named();
    const lib = await open();
    const v1 = await lib.save({ name: 'Team', scenario: saas });
    const v2 = await lib.save({ id: v1.id, name: 'Team', scenario: { ...saas, trials: 500 } });
    expect(v2.id).toBe(v1.id);
    expect(v2.revision).not.toBe(v1.revision);
    expect(v2.createdAt).toBe(v1.createdAt);
    const latest = await lib.get(v1.id);
    expect((latest?.scenario as Scenario | undefined)?.trials).toBe(500);
    lib.close();
    expect(await revisionCount(name)).toBe(1);
  });

  it('a failed write never loses the previous version', async () => {
    for (const step of ['afterRevisionWrite', 'afterPointerSwap'] as const) {
      const faults: LibraryFaults = {};
      const { name, open } = named();
      const lib = await open(faults);
      const v1 = await lib.save({ name: 'Team', scenario: saas, headline });
      faults[step] = () => {
        throw new Error('disk full (simulated)');
      };
      await expect(lib.save({ id: v1.id, name: 'Team renamed', scenario: panic })).rejects.toThrow(
        LibraryError,
      );
      await expect(lib.save({ id: v1.id, name: 'Team renamed', scenario: panic })).rejects.toThrow(
        /nothing was changed.*disk full/,
      );
      // Still the first version, with its name, pointer and headline; no orphan revision.
      const kept = await lib.get(v1.id);
      expect(kept?.entry).toEqual(v1);
      expect(kept?.scenario).toEqual(saas);
      expect((await lib.list()).length).toBe(1);
      // A failed new entry leaves nothing behind either.
      await expect(lib.save({ name: 'Other', scenario: panic })).rejects.toThrow(LibraryError);
      expect((await lib.list()).length).toBe(1);
      lib.close();
      expect(await revisionCount(name), step).toBe(1);
      // And once the fault is gone, saving works again.
      delete faults[step];
      const again = await open(faults);
      await again.save({ id: v1.id, name: 'Team', scenario: panic });
      expect((await again.get(v1.id))?.scenario).toEqual(panic);
      again.close();
    }
  });

  it('records a headline only for the revision it was computed for', async () => {
    const lib = await fresh();
    const v1 = await lib.save({ name: 'Team', scenario: saas });
    expect(await lib.setHeadline(v1.id, v1.revision, headline)).toBe(true);
    expect((await lib.get(v1.id))?.entry.headline).toEqual(headline);
    const v2 = await lib.save({ id: v1.id, name: 'Team', scenario: panic });
    expect(v2.headline).toBeUndefined();
    expect(await lib.setHeadline(v1.id, v1.revision, headline)).toBe(false);
    expect((await lib.get(v1.id))?.entry.headline).toBeUndefined();
    expect(await lib.setHeadline('missing', 'x', headline)).toBe(false);
    lib.close();
  });

  it('refuses a stored scenario from a newer app, and opens older ones through migration', async () => {
    const { name, open } = named();
    const lib = await open();
    const saved = await lib.save({ name: 'From the future', scenario: saas });
    lib.close();
    // Rewrite the stored revision as a newer app would have written it.
    const { openDB } = await import('idb');
    const db = await openDB(name);
    const entry = await db.get('entries', saved.id);
    const revision = await db.get('revisions', entry.revision);
    await db.put('revisions', { ...revision, scenario: { ...saas, version: 2, newField: 1 } });
    db.close();

    const again = await open();
    const stored = await again.get(saved.id);
    const refused = openStoredScenario(stored?.scenario);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.newer).toBe(true);
      expect(refused.errors[0]?.message).toMatch(/newer version of Sweetspot.*update the app/);
    }
    // A version-1 record opens (migrateScenario is the identity for version 1).
    expect(openStoredScenario(saas)).toEqual({ ok: true, scenario: saas });
    again.close();
  });

  it('says so when the database was created by a newer version of the app', async () => {
    const { name, open } = named();
    const { openDB } = await import('idb');
    const db = await openDB(name, 99, {
      upgrade(d) {
        d.createObjectStore('entries');
      },
    });
    db.close();
    await expect(open()).rejects.toThrow(/newer version of Sweetspot/);
  });
});
