import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import { editDistance, joinTables, keyShape, nearMisses } from './join.ts';

describe('near misses', () => {
  it('match keys up to case, spaces and punctuation, then by small edit distance', () => {
    expect(keyShape('GTX Pro')).toBe(keyShape('GTXPro'));
    expect(nearMisses('GTXPro', ['GTX Basic', 'GTX Pro', 'GTX Plus Pro'])).toEqual(['GTX Pro']);
    expect(nearMisses('gtx-pro', ['GTX Pro'])).toEqual(['GTX Pro']);
    expect(nearMisses('Acme Corp.', ['ACME corp', 'Other'])).toEqual(['ACME corp']);
    expect(nearMisses('Acme Corporaton', ['Acme Corporation', 'Betatech'])).toEqual([
      'Acme Corporation',
    ]);
    expect(nearMisses('Zenith', ['Betasoloin', 'Betatech'])).toEqual([]);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });
});

describe('joinTables', () => {
  const exportCsv =
    'id,product,stage\n1,GTXPro,Won\n2,GTX Basic,Lost\n3,,Won\n4,Nope,Won\n5,GTXPro,Lost\n';
  const productsCsv =
    'product,series,sales_price\nGTX Basic,GTX,550\nGTX Pro,GTX,4821\nMG Special,MG,55\n';

  it('reports unmatched keys with row counts, lines and a suggestion', async () => {
    const result = joinTables(await parseCsv(exportCsv), [
      { column: 'product', table: await parseCsv(productsCsv), source: 'products.csv' },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [report] = result.view.reports;
    expect(report).toMatchObject({ matched: 1, emptyKey: 1, aliased: 0 });
    expect(report?.unmatched).toEqual([
      { key: 'GTXPro', rows: 2, firstLines: [2, 6], suggestions: ['GTX Pro'] },
      { key: 'Nope', rows: 1, firstLines: [5], suggestions: [] },
    ]);
    expect(result.view.joinProblem(0)).toBe('product "GTXPro" is not in products.csv');
    expect(result.view.joinProblem(2)).toBe('product is empty');
    expect(result.view.joinProblem(1)).toBeUndefined();
    // Only joins feeding the given columns count.
    expect(result.view.joinProblem(0, ['series'])).toBe('product "GTXPro" is not in products.csv');
    expect(result.view.joinProblem(0, ['stage'])).toBeUndefined();
  });

  it('applies aliases and exposes joined columns as product.series and series', async () => {
    const result = joinTables(await parseCsv(exportCsv), [
      {
        column: 'product',
        table: await parseCsv(productsCsv),
        aliases: { GTXPro: 'GTX Pro', Nope: 'Missing' },
      },
    ]);
    if (!result.ok) throw new Error(result.message);
    const { view } = result;
    expect(view.reports[0]).toMatchObject({
      matched: 3,
      aliased: 2,
      badAliases: ['Nope → Missing'],
    });
    expect(view.columns).toEqual(
      expect.arrayContaining(['product.series', 'series', 'sales_price']),
    );
    const series = view.reader(view.resolve('Series') as string);
    expect([0, 1, 2, 3, 4].map(series)).toEqual(['GTX', 'GTX', '', '', 'GTX']);
  });

  it('fails clearly on a missing join or key column', async () => {
    const t = await parseCsv(exportCsv);
    const p = await parseCsv(productsCsv);
    expect(joinTables(t, [{ column: 'account', table: p }])).toMatchObject({ ok: false });
    const r = joinTables(t, [{ column: 'product', table: p, key: 'sku' }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('no key column "sku"');
  });
});
