/**
 * Segment drafts as edited on the page, turned into the calibration package's segment rules,
 * with a readable problem for anything incomplete. Pure: unit-tested.
 */
import { type Condition, parseAmount, SEGMENT_ID, type SegmentRule } from '@sweetspot/calibration';
import type { RuleDraft, RuleOp, SegmentDraft } from './types.ts';
import { nextUid } from './uid.ts';

export const OP_LABELS: Record<RuleOp, string> = {
  in: 'is one of',
  'not in': 'is not one of',
  '=': 'equals',
  '>=': '≥ (at least)',
  '<': '< (below)',
};

export const MAX_SEGMENTS = 20;

/** Values typed as a list: split on commas, trimmed, empty ones dropped. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function numberOf(text: string): number | undefined {
  return parseAmount(text, '.') ?? parseAmount(text, ',');
}

/** The condition a rule draft means, or why it is not complete. */
export function ruleCondition(
  rule: RuleDraft,
): { ok: true; condition: Condition } | { ok: false; message: string } {
  if (rule.column === '') return { ok: false, message: 'choose a column' };
  switch (rule.op) {
    case 'in':
    case 'not in': {
      const values = rule.values.length > 0 ? rule.values : splitList(rule.text);
      if (values.length === 0) return { ok: false, message: `choose the values of ${rule.column}` };
      return { ok: true, condition: { column: rule.column, op: rule.op, values } };
    }
    case '=': {
      const value = rule.text.trim();
      if (value === '') return { ok: false, message: `type the value ${rule.column} must equal` };
      return { ok: true, condition: { column: rule.column, op: '=', value } };
    }
    default: {
      const value = numberOf(rule.text.trim());
      if (value === undefined)
        return {
          ok: false,
          message: `${OP_LABELS[rule.op]} needs a number${rule.text.trim() ? `, not "${rule.text.trim()}"` : ''}`,
        };
      return { ok: true, condition: { column: rule.column, op: rule.op, value } };
    }
  }
}

export interface DraftProblem {
  /** Index of the segment, and of the rule when it is about one rule. */
  segment: number;
  rule?: number;
  message: string;
}

export interface ConvertedSegments {
  /** Segments with their complete rules (incomplete rules left out, for live counts). */
  rules: SegmentRule[];
  problems: DraftProblem[];
}

/** Drafts → rules, with every problem that must be fixed before fitting. */
export function convertSegments(drafts: readonly SegmentDraft[]): ConvertedSegments {
  const problems: DraftProblem[] = [];
  const seen = new Map<string, number>();
  const rules: SegmentRule[] = drafts.map((d, s) => {
    const id = d.id.trim();
    if (id === '') problems.push({ segment: s, message: 'give the segment an id' });
    else if (!SEGMENT_ID.test(id))
      problems.push({
        segment: s,
        message: `id "${id}" must start with a letter or digit and use only letters, digits, - and _`,
      });
    else if (seen.has(id))
      problems.push({
        segment: s,
        message: `id "${id}" is already used by segment ${(seen.get(id) as number) + 1}`,
      });
    else seen.set(id, s);
    if (d.name.trim() === '') problems.push({ segment: s, message: 'give the segment a name' });
    const conditions: Condition[] = [];
    d.rules.forEach((r, i) => {
      const c = ruleCondition(r);
      if (c.ok) conditions.push(c.condition);
      else problems.push({ segment: s, rule: i, message: c.message });
    });
    return {
      id: id || `segment-${s + 1}`,
      name: d.name.trim() || id || `Segment ${s + 1}`,
      sweetSpot: d.sweetSpot,
      conditions,
    };
  });
  if (drafts.length === 0) problems.push({ segment: 0, message: 'add at least one segment' });
  if (drafts.length > MAX_SEGMENTS)
    problems.push({ segment: MAX_SEGMENTS, message: `at most ${MAX_SEGMENTS} segments` });
  if (drafts.length > 0 && !drafts.some((d) => d.sweetSpot))
    problems.push({
      segment: 0,
      message:
        'mark at least one segment as the sweet spot: the strategy that focuses on the sweet spot needs something to pursue',
    });
  return { rules, problems };
}

/** A description of a problem for a summary list. */
export function describeProblem(p: DraftProblem): string {
  return `Segment ${p.segment + 1}${p.rule !== undefined ? `, rule ${p.rule + 1}` : ''}: ${p.message}`;
}

/** Segment rules (e.g. a proposed sweet-spot split) as drafts the segments step can edit. */
export function draftsOfRules(rules: readonly SegmentRule[]): SegmentDraft[] {
  return rules.map((r) => ({
    uid: nextUid(),
    id: r.id,
    idTouched: true,
    name: r.name,
    sweetSpot: r.sweetSpot,
    rules: r.conditions.flatMap((c): RuleDraft[] => {
      const draft = { uid: nextUid(), column: c.column, values: [] as string[], text: '' };
      if ('values' in c) return [{ ...draft, op: c.op, values: [...c.values] }];
      if (c.op === '=' || c.op === '>=' || c.op === '<')
        return [{ ...draft, op: c.op, text: String(c.value) }];
      // The proposal writes only is-one-of, ≥ and <; other operators have no draft form.
      throw new Error(`a rule "${c.column} ${c.op}" cannot be edited in the segments step`);
    }),
  }));
}
