import { PRESETS, type Scenario, spareCapacity, validateScenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { applyOverrides, LESSONS, lessonScenario, scenarioLesson } from './lessons.ts';

describe('lessons', () => {
  it('has 4–5 lessons, each with a narrative, a question and a takeaway', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(4);
    expect(LESSONS.length).toBeLessThanOrEqual(5);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) {
      expect(l.narrative.length).toBeGreaterThan(0);
      expect(l.question).toMatch(/\?$/);
      expect(l.takeaway.length).toBeGreaterThan(20);
    }
  });

  it('every lesson scenario validates and is reproducible from its own seed', () => {
    for (const l of LESSONS) {
      const s = lessonScenario(l);
      expect(validateScenario(s).ok, l.id).toBe(true);
      expect(l.overrides.seed, l.id).toBeTypeOf('number');
      expect(l.overrides.trials, l.id).toBeTypeOf('number');
      expect(s.seed).toBe(l.overrides.seed);
      // The same lesson gives the same scenario every time.
      expect(lessonScenario(l)).toEqual(s);
      // Lessons start from a built-in preset.
      expect(PRESETS).toContain(l.preset);
    }
    const seeds = LESSONS.map((l) => l.overrides.seed);
    expect(new Set(seeds).size).toBe(seeds.length);
  });

  it('includes the lesson where focus loses (the "When chasing pays" preset)', () => {
    const lesson = LESSONS.find((l) => l.preset === spareCapacity);
    expect(lesson?.title).toMatch(/When chasing pays/);
  });

  it('merges overrides deeply without touching the preset', () => {
    const before = structuredClone(PRESETS[0]);
    const merged = applyOverrides(PRESETS[0] as Scenario, {
      team: { sellingHoursPerWeek: 10 },
      segments: [],
    });
    expect(merged.team.sellingHoursPerWeek).toBe(10);
    expect(merged.team.reps).toBe(PRESETS[0]?.team.reps);
    expect(merged.segments).toEqual([]);
    expect(PRESETS[0]).toEqual(before);
  });

  it('turns the scenario being edited into a lesson', () => {
    const s = PRESETS[0] as Scenario;
    const l = scenarioLesson(s);
    expect(l.id).toBe('current');
    expect(lessonScenario(l)).toEqual(validateScenario(s).ok ? s : null);
  });
});
