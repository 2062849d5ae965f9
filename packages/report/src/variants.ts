/**
 * Which report row a record belongs to. One method run with different parameters — an ablation added with
 * `--set`, or records left from before a default changed — must not be averaged into one cell, so each distinct
 * parameter set of a method gets its own row, named after the parameters that set it apart:
 * `scllm-dsc [kl=false]`.
 */
import type { Params, RunRecord } from '@scbench/api';

/**
 * The parameters a record would have had without any `--set` (its method's defaults, with the smoke overrides in
 * smoke mode), or undefined when the method is not known here (a record from a plug-in no longer registered).
 */
export type BaseParams = (record: RunRecord) => Params | undefined;

const show = (v: Params[string] | undefined): string => (v === undefined ? '—' : String(v));

/** Keys whose values differ between two parameter sets, in a stable order. */
function differing(a: Params, b: Params): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
}

/**
 * Returns the row name of each record. Against known base parameters a row is named by what differs from them, so
 * a default run is the bare method id and a whole grid run with `--set` says so. Without them (unknown method), a
 * method with one parameter set is its bare id, and several are told apart by the keys whose values vary.
 */
export function rowNamer(records: readonly RunRecord[], baseParams?: BaseParams): (r: RunRecord) => string {
  const variants = new Map<string, Map<string, Params>>(); // method → paramsHash → params
  for (const r of records) {
    const byHash = variants.get(r.method) ?? new Map<string, Params>();
    byHash.set(r.paramsHash, r.params);
    variants.set(r.method, byHash);
  }
  const names = new Map<string, string>(); // method|paramsHash → row name
  for (const r of records) {
    const key = `${r.method}|${r.paramsHash}`;
    if (names.has(key)) continue;
    const base = baseParams?.(r);
    let keys: string[];
    if (base) keys = differing(r.params, base);
    else {
      const sets = [...variants.get(r.method)!.values()];
      keys = sets.length < 2 ? [] : [...new Set(sets.flatMap((p) => differing(p, sets[0])))].sort();
    }
    names.set(key, keys.length ? `${r.method} [${keys.map((k) => `${k}=${show(r.params[k])}`).join(', ')}]` : r.method);
  }
  return (r) => names.get(`${r.method}|${r.paramsHash}`)!;
}
