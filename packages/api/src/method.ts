import type { Context } from './context.ts';
import type { Dataset, Truth } from './dataset.ts';
import type { Matrix } from './matrix.ts';
import type { ParamRules, ParamValue, Params } from './param-rules.ts';

export interface Reference {
  /** Citation, e.g. "Xie, Girshick & Farhadi. Unsupervised deep embedding for clustering analysis. ICML 2016". */
  readonly paper: string;
  readonly url?: string;
  /** Original code as owner/name on GitHub, and the commit this reimplementation followed. */
  readonly repo?: string;
  readonly commit?: string;
}

export interface Clustering {
  /** Cluster id per cell, in [0, k). */
  readonly labels: Int32Array;
  /** The space the labels were read from, when there is one (used for silhouette). */
  readonly embedding?: Matrix;
  /** Facts worth recording, e.g. { semanticView: 'off: no gene names' }. */
  readonly info?: Record<string, ParamValue>;
}

export type MethodKind = 'classical' | 'deep' | 'graph' | 'text' | 'control';

interface MethodBase<P extends Params> {
  readonly id: string;
  readonly label: string;
  readonly summary: string;
  readonly reference: Reference;
  readonly kind: MethodKind;
  /**
   * What the data must offer; the runner refuses a dataset without it before the method runs. `rawCounts`: integer
   * counts, always (true) or under some parameters (a function returning why, e.g. "input=log1p normalises library
   * sizes; input=raw reads any values", or false when these parameters read any values).
   */
  readonly needs?: { readonly geneNames?: boolean; readonly rawCounts?: boolean | ((params: P) => string | false) };
  readonly defaults: P;
  /**
   * Each parameter's type, allowed values and how `--set` reads it (`defineParams` in param-rules.ts). The runner
   * checks every resolved value with them before `checkParams`. Omitted: the defaults' types (number, true/false, text).
   */
  readonly paramRules?: ParamRules<P>;
  /** Overrides applied in smoke mode (fewer epochs, smaller layers). */
  readonly smoke?: Partial<P>;
  /**
   * Overrides for the default demo grid (`scbench run --default`, what `npm start` runs): a schedule short enough
   * that every registered method finishes on the embedded datasets within a minute or two on 2 cores, while still
   * clustering for real (unlike `smoke`, which only has to run). Omitted: the defaults are quick already.
   */
  readonly quick?: Partial<P>;
  /**
   * Throws (with a message naming the fix) when the parameters would not run as asked, e.g. a value another
   * parameter makes the method ignore. The runner calls it on every job's parameters before any data loads.
   */
  readonly checkParams?: (params: P) => void;
  /**
   * What one run asks of a cluster node on the largest registered datasets (~10,000 cells), for the Slurm executor:
   * it submits one job array per distinct request. Omitted: the command line's `--mem/--cpus-per-task/--time`, or the
   * cluster's defaults.
   */
  readonly resources?: ResourceHint;
}

/** A method's request for one run on a cluster: memory in GB, cores, wall-clock minutes. */
export interface ResourceHint {
  readonly memGb?: number;
  readonly cpus?: number;
  readonly minutes?: number;
}

/** A clustering method. It never receives labels: honest by construction. */
export interface MethodDef<P extends Params = Params> extends MethodBase<P> {
  readonly kind: Exclude<MethodKind, 'control'>;
  /** Unsupervised: no labels at all (a semi-supervised method is a `SemiSupervisedDef`). */
  readonly supervision?: undefined;
  run(data: Dataset, params: P, ctx: Context): Promise<Clustering>;
}

/** What a semi-supervised method declares: the share of cells whose labels the runner hands it. */
export interface Supervision {
  readonly kind: 'semi';
  /** In (0, 1): the runner labels ceil(fraction · cells) cells, chosen at random with the run's seed. */
  readonly labelFraction: number;
}

/**
 * The labels a semi-supervised method is handed: only those of the cells the runner chose, never the others.
 * The runner scores the method on the other cells only, and the report never ranks it against unsupervised methods.
 */
export interface PartialTruth {
  /** The labelled cells' row indices, ascending. */
  readonly cells: Int32Array;
  /** labels[i] is the class code of row cells[i]. */
  readonly labels: Int32Array;
}

/** A semi-supervised variant (e.g. scDCC with its pairwise constraints), registered under its own id. */
export interface SemiSupervisedDef<P extends Params = Params> extends MethodBase<P> {
  readonly kind: Exclude<MethodKind, 'control'>;
  readonly supervision: Supervision;
  run(data: Dataset, params: P, ctx: Context, labelled: PartialTruth): Promise<Clustering>;
}

/** A control (true labels, random labels) is the only kind of method that is handed the truth. */
export interface ControlDef<P extends Params = Params> extends MethodBase<P> {
  readonly kind: 'control';
  readonly supervision?: undefined;
  run(data: Dataset, params: P, ctx: Context, truth: Truth): Promise<Clustering>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMethod = MethodDef<any> | ControlDef<any> | SemiSupervisedDef<any>;

export function defineMethod<P extends Params>(def: MethodDef<P>): MethodDef<P> {
  return def;
}

export function defineControl<P extends Params>(def: ControlDef<P>): ControlDef<P> {
  return def;
}

export function defineSemiSupervised<P extends Params>(def: SemiSupervisedDef<P>): SemiSupervisedDef<P> {
  const f = def.supervision.labelFraction;
  if (!(f > 0 && f < 1)) throw new Error(`${def.id}: supervision.labelFraction must be in (0, 1), got ${f}`);
  return def;
}
