import { describe, expect, it } from 'vitest';
import { type CsvProgress, guessDelimiter, parseCsv } from './csv.ts';

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

describe('parseCsv', () => {
  it('strips a BOM, keeps quoted newlines and numbers rows by their first line', async () => {
    const text =
      '\ufeffid,note,amount\r\n1,"two\r\nlines",5\r\n2,"a ""quoted"", comma",6\r\n3,plain,7\r\n';
    const t = await parseCsv(text);
    expect(t.headers).toEqual(['id', 'note', 'amount']);
    expect(t.rows).toEqual([
      ['1', 'two\nlines', '5'],
      ['2', 'a "quoted", comma', '6'],
      ['3', 'plain', '7'],
    ]);
    expect(t.lines).toEqual([2, 4, 5]);
    expect(t.headerLine).toBe(1);
  });

  it('skips blank lines, including blank trailing rows, without losing line numbers', async () => {
    const t = await parseCsv('a,b\n1,2\n\n3,4\n,\n\n \n');
    expect(t.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(t.lines).toEqual([2, 4]);
    expect(t.blankLines).toBeGreaterThanOrEqual(4);
    expect(t.issues).toEqual([]);
  });

  it('detects ; and tab delimiters (a ; file with decimal commas is not split on the commas)', async () => {
    const semi = await parseCsv('id;amount;stage\n1;"1.234,50 €";Won\n2;99,90;Lost\n');
    expect(semi.delimiter).toBe(';');
    expect(semi.rows[0]).toEqual(['1', '1.234,50 €', 'Won']);
    const tab = await parseCsv('id\tamount\n1\t$1,234.50\n2\t7\n');
    expect(tab.delimiter).toBe('\t');
    expect(tab.rows[0]).toEqual(['1', '$1,234.50']);
    expect(guessDelimiter('a|b|c\n1|2|3\n')).toBe('|');
  });

  it('reports rows with the wrong number of fields and unbalanced quotes by line', async () => {
    const t = await parseCsv('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n');
    expect(t.rows).toEqual([
      ['1', '2', '3'],
      ['10', '11', '12'],
    ]);
    expect(t.issues).toEqual([
      { line: 3, reason: 'wrong-field-count', detail: 'has 2 fields, the header has 3' },
      { line: 4, reason: 'wrong-field-count', detail: 'has 4 fields, the header has 3' },
    ]);
    const q = await parseCsv('a,b\n1,2\n3,"oops\n');
    expect(q.issues.map((i) => i.reason)).toEqual(['malformed-quotes']);
  });

  it('detects a missing header row and skips a title line above the header', async () => {
    const noHeader = await parseCsv('2017-01-01,100,Won\n2017-01-02,200,Lost\n');
    expect(noHeader.hasHeader).toBe(false);
    expect(noHeader.headers).toEqual(['column_1', 'column_2', 'column_3']);
    expect(noHeader.rows).toHaveLength(2);
    const titled = await parseCsv(
      'Opportunities report\nid,stage,amount\n1,Won,5\n2,Lost,6\n3,Won,7\n',
    );
    expect(titled.preambleLines).toBe(1);
    expect(titled.headerLine).toBe(2);
    expect(titled.headers).toEqual(['id', 'stage', 'amount']);
    expect(titled.lines).toEqual([3, 4, 5]);
  });

  it('names blank and repeated header cells', async () => {
    const t = await parseCsv('id,,id\n1,2,3\n');
    expect(t.headers).toEqual(['id', 'column_2', 'id_2']);
  });

  it('gives the same table whatever the chunking, and reports progress', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${i},"multi\nline ${i}",${i * 1.5}`);
    const text = `\ufeffid,note,value\r\n${rows.join('\r\n')}\r\n\r\n`;
    const whole = await parseCsv(text);
    expect(whole.rows).toHaveLength(300);
    expect(whole.lines[299]).toBe(2 + 299 * 2);
    for (const size of [1, 7, 64, 1000]) {
      const progress: CsvProgress[] = [];
      const chunked = await parseCsv(chunksOf(text, size), { onProgress: (p) => progress.push(p) });
      expect(chunked.rows).toEqual(whole.rows);
      expect(chunked.lines).toEqual(whole.lines);
      expect(progress.at(-1)?.chars).toBe(text.length - 1);
    }
    const big = `id,value\n${Array.from({ length: 30_000 }, (_, i) => `${i},${i % 97}`).join('\n')}\n`;
    const progress: CsvProgress[] = [];
    const t = await parseCsv(big, { chunkChars: 70_000, onProgress: (p) => progress.push(p) });
    expect(t.rows).toHaveLength(30_000);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toMatchObject({
      chars: big.length,
      totalChars: big.length,
      rows: 30_000,
    });
    expect(progress.map((p) => p.rows)).toEqual(
      [...progress.map((p) => p.rows)].sort((a, b) => a - b),
    );
  });

  it('keeps only the columns asked for', async () => {
    const t = await parseCsv('a,b,c\n1,2,3\n', { keepColumns: (h) => h.filter((x) => x !== 'b') });
    expect(t.allHeaders).toEqual(['a', 'b', 'c']);
    expect(t.headers).toEqual(['a', 'c']);
    expect(t.rows).toEqual([['1', '3']]);
  });

  it('stops with a fatal reason beyond the row or size limit, and on an empty file', async () => {
    const text = `a,b\n${'1,2\n'.repeat(50)}`;
    expect((await parseCsv(text, { maxRows: 10 })).fatal?.reason).toBe('too-many-rows');
    expect((await parseCsv(text, { maxChars: 20 })).fatal?.reason).toBe('too-large');
    expect((await parseCsv('')).fatal?.reason).toBe('empty');
    expect((await parseCsv('\n\n \n')).fatal?.reason).toBe('empty');
  });

  it('turns a failing source into a fatal read error instead of throwing', async () => {
    async function* broken(): AsyncGenerator<string> {
      yield 'a,b\n1,2\n';
      throw new Error('disk gone');
    }
    const t = await parseCsv(broken());
    expect(t.fatal?.reason).toBe('read-error');
    expect(t.fatal?.message).toContain('disk gone');
  });
});
