import type { AnyMethod } from '@scbench/api';
import { geneptS } from '@scbench/baseline-genept-s';
import { geneptW } from '@scbench/baseline-genept-w';
import { leiden } from '@scbench/baseline-leiden';
import { pcaKmeans } from '@scbench/baseline-pca-kmeans';
import { sccdcg } from '@scbench/baseline-sccdcg';
import { scmae } from '@scbench/baseline-scmae';
import { dec } from '@scbench/baseline-dec';
import { scname } from '@scbench/baseline-scname';
import { attentionaeSc } from '@scbench/baseline-attentionae-sc';
import { scdsc } from '@scbench/baseline-scdsc';
import { scdeepcluster } from '@scbench/baseline-scdeepcluster';
import { desc } from '@scbench/baseline-desc';
import { scdcc, scdccSemi } from '@scbench/baseline-scdcc';
import { sczidesk } from '@scbench/baseline-sczidesk';
import { scgnn } from '@scbench/baseline-scgnn';
import { scllmDsc } from '@scbench/core';
import { randomLabels } from './controls/random-labels.ts';
import { trueLabels } from './controls/true-labels.ts';

/**
 * Every method scbench can run, as an explicit typed list: adding a baseline is one import and one entry here,
 * and a typo in a method id inside TypeScript code is a compile error (see MethodId).
 */
export const methods = [pcaKmeans, leiden, sccdcg, scmae, scllmDsc, geneptW, geneptS, dec, scdeepcluster, desc, scdcc, scdccSemi, scdsc, sczidesk, attentionaeSc, scname, scgnn, trueLabels, randomLabels] as const satisfies readonly AnyMethod[];

export type MethodId = (typeof methods)[number]['id'];

export function findMethod(id: string): AnyMethod {
  const m = methods.find((x) => x.id === id);
  if (!m) throw new Error(`unknown method "${id}"; known methods: ${methods.map((x) => x.id).join(', ')}`);
  return m;
}
