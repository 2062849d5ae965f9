/**
 * Cold cost of the gene-knowledge encoders (packages/core/src/semantic/knowledge-encoder.ts) on pbmc3k
 * (2,638 cells × 13,714 genes), each stage timed separately:
 *   fit     the TF-IDF + truncated-SVD model from the NCBI tables (nothing stored yet: the first run on a machine);
 *   load    the same model from the disk store (every later run process);
 *   view    the semantic view (both paths: gene vectors for 13,714 genes, expression-weighted and rank-mean paths),
 *           no embedding cache, model in memory;
 * and a sanity print: cosine of the INS/GCG and INS/CD3E gene vectors under each encoder. Each figure is wall seconds
 * and, in brackets, this process's CPU seconds (user + system, all threads): on a shared machine the CPU figure is the
 * one that grows least with the other jobs' load.
 *   npx tsx tools/bench/knowledge/bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearKnowledgeModels, KNOWLEDGE_ENCODERS, knowledgeDescriber, knowledgeEncoder, noCache, semanticView } from '@scbench/core';
import { loadDataset } from '@scbench/datasets';

interface Clock { readonly wall: number; readonly cpu: NodeJS.CpuUsage }
const start = (): Clock => ({ wall: performance.now(), cpu: process.cpuUsage() });
const seconds = (t: Clock): string => {
  const c = process.cpuUsage(t.cpu);
  return `${((performance.now() - t.wall) / 1000).toFixed(2)} s [${((c.user + c.system) / 1e6).toFixed(2)} s cpu]`;
};
const dir = mkdtempSync(join(tmpdir(), 'scbench-knowledge-bench-'));
try {
  const ds = (await loadDataset('pbmc3k')).dataset;
  const describer = knowledgeDescriber();
  let t = start();
  await describer.describe(ds as typeof ds & { genes: string[] }); // tables parsed once, outside every figure below
  console.log(`knowledge tables + name resolution (once per process): ${seconds(t)}`);
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const probe = { ...ds, id: 'probe', genes: ['INS', 'GCG', 'CD3E'] };
  for (const name of KNOWLEDGE_ENCODERS) {
    clearKnowledgeModels();
    const fresh = name === 'go-lsa' ? mkdtempSync(join(tmpdir(), 'scbench-knowledge-bench-')) : dir;
    t = start();
    const enc = await knowledgeEncoder(name, { modelDir: fresh });
    await enc.embedGenes(await describer.describe(probe as typeof ds & { genes: string[] }));
    const fit = seconds(t);
    clearKnowledgeModels();
    t = start();
    const again = await knowledgeEncoder(name, { modelDir: fresh });
    const v = await again.embedGenes(await describer.describe(probe as typeof ds & { genes: string[] }));
    const load = seconds(t);
    if (fresh !== dir) rmSync(fresh, { recursive: true, force: true });
    t = start();
    const view = await semanticView(ds, {}, { encoder: again, cache: noCache, describer });
    const viewS = seconds(t);
    const d = v.matrix.cols;
    const cos = (a: number, b: number): number => {
      let s = 0;
      for (let c = 0; c < d; c++) s += v.matrix.data[a * d + c] * v.matrix.data[b * d + c];
      return s;
    };
    console.log(`${name.padEnd(7)} ${again.id}\n  fit ${fit} | load ${load} | view ${viewS} (${view.coverage.genesWithEmbedding} of ` +
      `${view.coverage.genes.total} genes with a vector) | cos(INS,GCG) ${cos(0, 1).toFixed(3)}  cos(INS,CD3E) ${cos(0, 2).toFixed(3)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
