import { describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { KnowledgeError } from './errors.ts';
import { list, readTsv, value } from './tsv.ts';
import { writeTemp } from './testing.ts';

const spec = { what: 'test table', required: ['tax_id', 'GeneID', 'Symbol'] };

async function rows(path: string, s: Parameters<typeof readTsv>[1] = spec): Promise<string[][]> {
  const out: string[][] = [];
  await readTsv(path, s, (h) => {
    const iSym = h.index('Symbol');
    return (f) => out.push([f[iSym], ...f]);
  });
  return out;
}

describe('readTsv', () => {
  it('finds required columns by name, in any order, and ignores extra columns', async () => {
    const p = writeTemp('t.tsv', '#Symbol\tExtra\ttax_id\tGeneID\nCD4\tx\t9606\t920\n');
    expect(await rows(p)).toEqual([['CD4', 'CD4', 'x', '9606', '920']]);
  });

  it('reads gzip by content, whatever the extension', async () => {
    const text = '#tax_id\tGeneID\tSymbol\n9606\t1\tA1BG\n9606\t2\tA2M\n';
    expect((await rows(writeTemp('t.gz', gzipSync(text)))).map((r) => r[0])).toEqual(['A1BG', 'A2M']);
    expect((await rows(writeTemp('renamed.tsv', gzipSync(text)))).map((r) => r[0])).toEqual(['A1BG', 'A2M']);
  });

  it('accepts CRLF line ends and a missing final newline', async () => {
    const p = writeTemp('t.tsv', '#tax_id\tGeneID\tSymbol\r\n9606\t1\tA1BG\r\n9606\t2\tA2M');
    expect((await rows(p)).map((r) => r[0])).toEqual(['A1BG', 'A2M']);
  });

  it('skips rows whose first field is not wanted, before splitting', async () => {
    const p = writeTemp('t.tsv', '#tax_id\tGeneID\tSymbol\n9606\t1\tA1BG\n10090\t11287\tPzp\n9606\t2\tA2M\n');
    const got = await rows(p, { ...spec, firstFieldIn: new Set(['10090']) });
    expect(got.map((r) => r[0])).toEqual(['Pzp']);
  });

  it('rejects a first line that is not a # header, quoting it', async () => {
    const p = writeTemp('t.tsv', 'tax_id\tGeneID\tSymbol\n9606\t1\tA1BG\n');
    await expect(rows(p)).rejects.toThrow(/first line of test table is not an NCBI header.*"tax_id\\tGeneID\\tSymbol"/s);
  });

  it('names the missing columns and the ones found', async () => {
    const p = writeTemp('t.tsv', '#tax_id\tGene\tSymbol\n9606\t1\tA1BG\n');
    const err = await rows(p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KnowledgeError);
    expect((err as KnowledgeError).message).toMatch(/lacks column\(s\) GeneID; it has: tax_id, Gene, Symbol/);
    expect((err as KnowledgeError).file).toBe(p);
  });

  it('reports a row with the wrong number of fields by line number', async () => {
    const p = writeTemp('t.tsv', '#tax_id\tGeneID\tSymbol\n9606\t1\tA1BG\n9606\t2\n');
    await expect(rows(p)).rejects.toThrow(/line 3 has 2 tab-separated fields but the header has 3/);
  });

  it('reports an empty file, a missing file and a broken gzip as KnowledgeErrors naming the file', async () => {
    await expect(rows(writeTemp('empty.tsv', ''))).rejects.toThrow(/empty \(no header line\)/);
    await expect(rows('/nonexistent/gene_info.tsv')).rejects.toThrow(/test table not found\n {2}file: \/nonexistent\/gene_info.tsv\n {2}fix: .*SCBENCH_KNOWLEDGE/);
    const whole = gzipSync('#tax_id\tGeneID\tSymbol\n' + Array.from({ length: 5000 }, (_, i) => `9606\t${i}\tG${i * 7919}\n`).join(''));
    const cut = whole.subarray(0, whole.length >> 1);
    const err = await rows(writeTemp('cut.gz', cut)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KnowledgeError);
    expect(String(err)).toMatch(/cut short|damaged/);
  });

  it('an error thrown by the row handler stops the read and is passed on', async () => {
    const p = writeTemp('t.tsv', '#tax_id\tGeneID\tSymbol\n9606\t1\tA1BG\n9606\t2\tA2M\n');
    let seen = 0;
    const run = readTsv(p, spec, () => () => {
      seen++;
      throw new Error('boom');
    });
    await expect(run).rejects.toThrow(/failed at line 2: boom/);
    expect(seen).toBe(1);
  });
});

describe('value / list', () => {
  it("'-' is unknown; '|' separates values", () => {
    expect(value('-')).toBeNull();
    expect(value('12p13.31')).toBe('12p13.31');
    expect(list('-')).toEqual([]);
    expect(list('A1B|ABG|GAB')).toEqual(['A1B', 'ABG', 'GAB']);
  });
});
