import { segmentSlug } from '@sweetspot/calibration';
import { describe, expect, it } from 'vitest';
import { convertSegments, draftsOfRules, ruleCondition, splitList } from './segments-draft.ts';
import type { RuleDraft, SegmentDraft } from './types.ts';

const rule = (r: Partial<RuleDraft>): RuleDraft => ({
  uid: 1,
  column: 'series',
  op: 'in',
  values: [],
  text: '',
  ...r,
});

const seg = (s: Partial<SegmentDraft>): SegmentDraft => ({
  uid: 1,
  id: 'gtx',
  idTouched: true,
  name: 'GTX',
  sweetSpot: true,
  rules: [],
  ...s,
});

describe('segment drafts', () => {
  it('turns rules into conditions', () => {
    expect(ruleCondition(rule({ values: ['GTX'] }))).toEqual({
      ok: true,
      condition: { column: 'series', op: 'in', values: ['GTX'] },
    });
    expect(ruleCondition(rule({ op: 'not in', text: 'MG, GTK ,' }))).toEqual({
      ok: true,
      condition: { column: 'series', op: 'not in', values: ['MG', 'GTK'] },
    });
    expect(ruleCondition(rule({ column: 'revenue', op: '>=', text: '1,000' }))).toEqual({
      ok: true,
      condition: { column: 'revenue', op: '>=', value: 1000 },
    });
    expect(ruleCondition(rule({ column: 'sector', op: '=', text: ' retail ' }))).toEqual({
      ok: true,
      condition: { column: 'sector', op: '=', value: 'retail' },
    });
  });

  it('explains incomplete rules', () => {
    expect(ruleCondition(rule({ column: '' }))).toMatchObject({
      ok: false,
      message: 'choose a column',
    });
    expect(ruleCondition(rule({}))).toMatchObject({ ok: false });
    expect(ruleCondition(rule({ op: '<', text: 'lots' }))).toMatchObject({
      ok: false,
      message: expect.stringContaining('needs a number, not "lots"'),
    });
  });

  it('checks ids, names and the sweet spot', () => {
    const ok = convertSegments([
      seg({ rules: [rule({ values: ['GTX'] })] }),
      seg({ uid: 2, id: 'mg', name: 'MG', sweetSpot: false }),
    ]);
    expect(ok.problems).toEqual([]);
    expect(ok.rules.map((r) => r.id)).toEqual(['gtx', 'mg']);
    const bad = convertSegments([
      seg({ sweetSpot: false, rules: [rule({ column: '' })] }),
      seg({ uid: 2, sweetSpot: false }),
      seg({ uid: 3, id: 'bad id!', name: ' ', sweetSpot: false }),
    ]);
    const messages = bad.problems.map((p) => p.message).join(' | ');
    expect(messages).toContain('choose a column');
    expect(messages).toContain('already used by segment 1');
    expect(messages).toContain('must start with a letter or digit');
    expect(messages).toContain('give the segment a name');
    expect(messages).toContain('mark at least one segment as the sweet spot');
    // Incomplete rules are left out (the segment is still there, for live counts).
    expect(bad.rules[0]?.conditions).toEqual([]);
  });

  it('makes ids from names and splits lists', () => {
    expect(segmentSlug('GTX series (hardware)')).toBe('gtx-series-hardware');
    expect(segmentSlug('***')).toBe('');
    expect(splitList(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
  });
});

describe('a proposed split as drafts', () => {
  it('round-trips: drafts of rules convert back to the same rules, with no problem', () => {
    const rules = [
      {
        id: 'fintech',
        name: 'Industry: Fintech, Banking',
        sweetSpot: true,
        conditions: [{ column: 'Industry', op: 'in' as const, values: ['Fintech', 'Banking'] }],
      },
      {
        id: 'mid',
        name: 'Employees: 50 to below 1,000',
        sweetSpot: false,
        conditions: [
          { column: 'Employees', op: '>=' as const, value: 50 },
          { column: 'Employees', op: '<' as const, value: 1000.5 },
        ],
      },
      { id: 'other', name: 'Everything else', sweetSpot: false, conditions: [] },
    ];
    const back = convertSegments(draftsOfRules(rules));
    expect(back.problems).toEqual([]);
    expect(back.rules).toEqual(rules);
  });
});
