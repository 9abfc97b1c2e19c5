import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import { joinTables } from './join.ts';
import { compileSegments, parseCondition, parseSegmentRule, type SegmentRule } from './segments.ts';

function rule(text: string): SegmentRule {
  const r = parseSegmentRule(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('segment rules', () => {
  it('parses attributes and conditions', () => {
    expect(rule('id=gtx;name=GTX series;sweet=true;series in GTX, MG')).toEqual({
      id: 'gtx',
      name: 'GTX series',
      sweetSpot: true,
      conditions: [{ column: 'series', op: 'in', values: ['GTX', 'MG'] }],
    });
    expect(parseCondition('revenue >= 1,000')).toEqual({
      ok: true,
      value: { column: 'revenue', op: '>=', value: 1000 },
    });
    expect(parseCondition('employees between 10 and 99')).toEqual({
      ok: true,
      value: { column: 'employees', op: 'between', low: 10, high: 99 },
    });
    expect(parseCondition('sector = retail')).toEqual({
      ok: true,
      value: { column: 'sector', op: '=', value: 'retail' },
    });
    expect(parseCondition('Deal owner not in Ann|Bob')).toEqual({
      ok: true,
      value: { column: 'Deal owner', op: 'not in', values: ['Ann', 'Bob'] },
    });
    // The earliest operator wins: the value may contain "in".
    expect(parseCondition('note = sign in later')).toEqual({
      ok: true,
      value: { column: 'note', op: '=', value: 'sign in later' },
    });
  });

  it('derives an id from the name and keeps names as plain text', () => {
    expect(rule('name=Big Deals!;amount >= 10')).toMatchObject({
      id: 'big-deals',
      name: 'Big Deals!',
    });
    expect(rule('id=x;name==HYPERLINK("http://x")').name).toBe('=HYPERLINK("http://x")');
  });

  it('rejects bad ids, operators and numbers with a message', () => {
    expect(parseSegmentRule('id=has space').ok).toBe(false);
    expect(parseSegmentRule('id=a;series').ok).toBe(false);
    expect(parseSegmentRule('id=a;x >= lots').ok).toBe(false);
    expect(parseSegmentRule('id=a;x between 5 and 1').ok).toBe(false);
    expect(parseSegmentRule('id=a;sweet=maybe').ok).toBe(false);
  });

  it('assigns the first matching segment, compares case-insensitively, and never matches empty cells', async () => {
    const table = await parseCsv('series,revenue\nGTX,100\ngtx,5000\nMG,2000\n,3000\nMG,\nGTK,1\n');
    const joined = joinTables(table, []);
    if (!joined.ok) throw new Error(joined.message);
    const compiled = compileSegments(
      [
        rule('id=big;revenue >= 2000;series not in GTK'),
        rule('id=gtx;series in GTX'),
        rule('id=mid;revenue between 1 and 1999'),
      ],
      joined.view,
      table.rows.length,
    );
    if (!compiled.ok) throw new Error(compiled.message);
    expect([0, 1, 2, 3, 4, 5].map(compiled.value.assign)).toEqual([1, 0, 0, -1, -1, 2]);
  });

  it('warns about rule values no row has, with near-miss suggestions', async () => {
    const table = await parseCsv('sector\ntechnolgy\nretail\n');
    const joined = joinTables(table, []);
    if (!joined.ok) throw new Error(joined.message);
    const compiled = compileSegments([rule('id=t;sector in technology,retail')], joined.view, 2);
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.value.warnings).toEqual([
      'segment "t": no row has sector = "technology" (did you mean "technolgy"?)',
    ]);
    const missing = compileSegments([rule('id=t;sectr in x')], joined.view, 2);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.message).toContain('did you mean "sector"?');
  });
});
