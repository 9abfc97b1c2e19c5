import { describe, expect, it } from 'vitest';
import { LESSONS, type Lesson, lessonScenario } from './lessons.ts';
import type { Answer } from './predict.ts';
import {
  type KeyPress,
  lessonResult,
  oddsLeader,
  PICKER,
  type Presentation,
  periodWords,
  present,
  presenterKey,
  pursueText,
  slideAt,
  slidesOf,
  strategyNames,
} from './presentation.ts';

function lesson(id: string): Lesson {
  const l = LESSONS.find((x) => x.id === id);
  if (!l) throw new Error(id);
  return l;
}

const key = (k: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key: k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...more,
});

describe('the slides of a lesson', () => {
  it('set the lesson up one idea per slide, then ask, answer, replay and conclude', () => {
    const l = lesson('when-chasing-pays');
    const slides = slidesOf(l, lessonScenario(l));
    const ids = slides.map((s) => s.id);
    const story = l.narrative.slice(1).map((_, i) => `story-${i + 2}`);
    expect(ids).toEqual([
      'title',
      'team',
      'market',
      ...story,
      'strategies',
      'question',
      'reveal',
      'odds',
      'replay',
      'takeaway',
    ]);
    // The narrative's first paragraph is on the team slide, each other one on its own slide.
    expect(slides.find((s) => s.id === 'team')?.text).toBe(l.narrative[0]);
    expect(slides.filter((s) => s.kind === 'story').map((s) => s.text)).toEqual(
      l.narrative.slice(1),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('add "where the gap comes from" after the answer only when two rules differ', () => {
    const big = lesson('big-ones');
    const ids = slidesOf(big, lessonScenario(big)).map((s) => s.id);
    expect(ids.indexOf('split')).toBe(ids.indexOf('reveal') + 1);
    expect(ids.indexOf('odds')).toBe(ids.indexOf('split') + 1);
    const one = lesson('focus-or-chase');
    expect(slidesOf(one, lessonScenario(one)).map((s) => s.id)).not.toContain('split');
  });

  it('keep the slide on screen within the lesson', () => {
    const l = lesson('focus-or-chase');
    const slides = slidesOf(l, lessonScenario(l));
    expect(slideAt(slides, 0)?.id).toBe('title');
    expect(slideAt(slides, 999)?.id).toBe('takeaway');
  });
});

describe('the presentation', () => {
  const l = lesson('focus-or-chase');
  const s = lessonScenario(l);
  const started = present(PICKER, { type: 'start', lesson: l, scenario: s });

  it('starts a lesson on its first slide with no pick', () => {
    expect(started).toEqual({ on: { lesson: l, scenario: s }, index: 0, pick: undefined });
    const picked = present(started, { type: 'pick', choice: 'close' });
    const moved = present(picked, { type: 'go', delta: 3, count: 10 });
    // Starting again (the same or another lesson) forgets the slide and the pick.
    expect(present(moved, { type: 'start', lesson: l, scenario: s })).toEqual(started);
  });

  it('moves slide by slide, never before the first nor after the last', () => {
    let p: Presentation = started;
    p = present(p, { type: 'go', delta: -1, count: 4 });
    expect(p.index).toBe(0);
    for (let i = 0; i < 6; i++) p = present(p, { type: 'go', delta: 1, count: 4 });
    expect(p.index).toBe(3);
    p = present(p, { type: 'go', delta: -1, count: 4 });
    expect(p.index).toBe(2);
  });

  it('keeps the pick, and returns to the lesson picker', () => {
    const picked = present(started, { type: 'pick', choice: 'b-big' });
    expect(picked.pick).toBe('b-big');
    expect(present(picked, { type: 'pick', choice: 'a-some' }).pick).toBe('a-some');
    expect(present(picked, { type: 'lessons' }).on).toBeUndefined();
  });
});

describe("the presenter's keys", () => {
  const inLesson = { inLesson: true, slide: 'team' as const };

  it('go forward with →, space and PageDown; back with ← and PageUp', () => {
    for (const k of ['ArrowRight', ' ', 'PageDown'])
      expect(presenterKey(key(k), inLesson)).toEqual({ type: 'go', delta: 1 });
    for (const k of ['ArrowLeft', 'PageUp'])
      expect(presenterKey(key(k), inLesson)).toEqual({ type: 'go', delta: -1 });
  });

  it('pick answers 1–5 in the order the question lists them, on the question slide only', () => {
    const q = { inLesson: true, slide: 'question' as const };
    expect(presenterKey(key('1'), q)).toEqual({ type: 'pick', choice: 'a-big' });
    expect(presenterKey(key('3'), q)).toEqual({ type: 'pick', choice: 'close' });
    expect(presenterKey(key('5'), q)).toEqual({ type: 'pick', choice: 'b-big' });
    expect(presenterKey(key('6'), q)).toBeUndefined();
    expect(presenterKey(key('1'), inLesson)).toBeUndefined();
  });

  it('Esc leaves the lesson, then the trainer', () => {
    expect(presenterKey(key('Escape'), inLesson)).toEqual({ type: 'lessons' });
    expect(presenterKey(key('Escape'), { inLesson: false, slide: undefined })).toEqual({
      type: 'close',
    });
    // Out of a lesson, only Esc does anything.
    expect(presenterKey(key('ArrowRight'), { inLesson: false, slide: undefined })).toBeUndefined();
  });

  it('leave keys typed into a field or with a modifier to the browser', () => {
    expect(presenterKey(key('ArrowRight', { targetTag: 'SELECT' }), inLesson)).toBeUndefined();
    expect(presenterKey(key(' ', { targetTag: 'INPUT' }), inLesson)).toBeUndefined();
    expect(presenterKey(key('ArrowLeft', { altKey: true }), inLesson)).toBeUndefined();
    expect(presenterKey(key('Escape', { metaKey: true }), inLesson)).toBeUndefined();
    expect(presenterKey(key('ArrowRight', { targetTag: 'BUTTON' }), inLesson)).toEqual({
      type: 'go',
      delta: 1,
    });
  });
});

describe('the words of the slides', () => {
  const s = lessonScenario(lesson('focus-or-chase'));

  it('name A and B, and what each pursues', () => {
    const names = strategyNames(s);
    expect(names.A).toBe(s.strategies.find((x) => x.id === s.compare[0])?.name);
    expect(names.B).toBe(s.strategies.find((x) => x.id === s.compare[1])?.name);
    expect(strategyNames({ ...s, strategies: [] })).toEqual({ A: 'A', B: 'B' });
    expect(pursueText(s, 'sweet-spot')).toBe('only the sweet spot');
    expect(pursueText(s, 'all')).toBe('every opportunity');
    const [first, second] = s.segments;
    expect(pursueText(s, [first?.id ?? '', second?.id ?? '', 'gone'])).toBe(
      `${first?.name}, ${second?.name}, gone`,
    );
  });

  it('say the horizon as the slides do', () => {
    expect(periodWords('Year')).toEqual({ per: 'per year', trials: 'years' });
    expect(periodWords('Quarter')).toEqual({ per: 'per quarter', trials: 'quarters' });
    expect(periodWords('6 quarters')).toEqual({ per: 'over 6 quarters', trials: 'horizons' });
  });

  it('lead the odds slide with the side that wins more trials (A on a tie)', () => {
    const answer = (pA: number, pB: number): Answer => ({
      choice: 'close',
      winner: 'tie',
      gap: 0,
      meanA: 1,
      meanB: 1,
      medianDiff: 0,
      pABeatsB: pA,
      pBBeatsA: pB,
      names: { A: 'Focus', B: 'Chase' },
    });
    expect(oddsLeader(answer(0.3, 0.7))).toEqual({ side: 'B', name: 'Chase', p: 0.7 });
    expect(oddsLeader(answer(0.6, 0.4))).toEqual({ side: 'A', name: 'Focus', p: 0.6 });
    expect(oddsLeader(answer(0.5, 0.5)).side).toBe('A');
  });
});

describe("the lesson's run", () => {
  it('is the final result for the lesson’s scenario, and nothing else', () => {
    const r = { key: 'k', final: true };
    expect(lessonResult(r, 'k')).toBe(r);
    expect(lessonResult({ key: 'k', final: false }, 'k')).toBeUndefined();
    expect(lessonResult(r, 'other')).toBeUndefined();
    expect(lessonResult(r, undefined)).toBeUndefined();
    expect(lessonResult(undefined, 'k')).toBeUndefined();
  });
});
