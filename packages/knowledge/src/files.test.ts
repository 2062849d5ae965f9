import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { candidateNames, defaultKnowledgeRoot, findTable, knowledgeRoot, KNOWLEDGE_ENV, requireTable } from './files.ts';
import { HUMAN, MOUSE } from './species.ts';
import { writeMiniKnowledge } from './testing.ts';

const saved = process.env[KNOWLEDGE_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[KNOWLEDGE_ENV];
  else process.env[KNOWLEDGE_ENV] = saved;
});

describe('knowledge root', () => {
  it('defaults to <repo>/../shared/knowledge', () => {
    delete process.env[KNOWLEDGE_ENV];
    const repo = fileURLToPath(new URL('../../..', import.meta.url));
    expect(existsSync(join(repo, 'nx.json'))).toBe(true);
    expect(defaultKnowledgeRoot()).toBe(resolve(repo, '..', 'shared', 'knowledge'));
  });

  it('$SCBENCH_KNOWLEDGE overrides the default, and an option overrides both', () => {
    const a = writeMiniKnowledge();
    const b = writeMiniKnowledge();
    process.env[KNOWLEDGE_ENV] = a;
    expect(knowledgeRoot()).toBe(a);
    expect(knowledgeRoot(b)).toBe(b);
  });

  it('a missing folder names where the path came from and the fix', () => {
    process.env[KNOWLEDGE_ENV] = '/nonexistent/knowledge';
    expect(() => knowledgeRoot()).toThrow(/knowledge folder not found \(from \$SCBENCH_KNOWLEDGE\)\n {2}file: \/nonexistent\/knowledge\n {2}fix: {2}set SCBENCH_KNOWLEDGE/);
  });
});

describe('table lookup', () => {
  it('tries the bundled .tsv name, then NCBI names, plain and gzipped', () => {
    expect(candidateNames('gene_info', HUMAN)).toEqual([
      'Homo_sapiens.gene_info.tsv',
      'Homo_sapiens.gene_info',
      'Homo_sapiens.gene_info.tsv.gz',
      'Homo_sapiens.gene_info.gz',
    ]);
    const dir = writeMiniKnowledge({ gzip: true });
    expect(findTable(dir, 'gene2go')).toBe(join(dir, 'gene2go.gz'));
    writeFileSync(join(dir, 'gene2go'), '');
    expect(findTable(dir, 'gene2go')).toBe(join(dir, 'gene2go'));
  });

  it('a missing table names the file, what was tried, the env var and where to get it', () => {
    const dir = writeMiniKnowledge({ omit: ['Mus_musculus.gene_info.tsv'] });
    expect(() => requireTable(dir, 'gene_info', MOUSE)).toThrow(
      /knowledge table Mus_musculus.gene_info.tsv not found \(also tried Mus_musculus.gene_info, .*gz\)[^]*fix: {2}put the file in .* \(source: https:\/\/ftp.ncbi.nlm.nih.gov\/gene\/DATA\/GENE_INFO\/.*\), or set SCBENCH_KNOWLEDGE/,
    );
  });
});
