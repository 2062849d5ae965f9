import { createHash } from 'node:crypto';
import type { AnyMethod, ParamValue, Params } from '@scbench/api';
import { UserError } from './exit-codes.ts';

/** One `--set METHOD.KEY=VALUE` flag, parsed. */
export interface ParamOverride {
  method: string;
  key: string;
  raw: string;
}

export function parseOverride(flag: string): ParamOverride {
  const m = /^([\w-]+)\.(\w+)=(.*)$/s.exec(flag);
  if (!m) throw new UserError(`--set ${flag}: expected METHOD.KEY=VALUE, e.g. --set pca-kmeans.nPcs=30`);
  return { method: m[1], key: m[2], raw: m[3] };
}

/** Coerce a command-line string to the type of the parameter's default, so `--set x.epochs=10` is a number. */
function coerce(method: string, key: string, raw: string, like: ParamValue): ParamValue {
  if (typeof like === 'number') {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) throw new UserError(`--set ${method}.${key}=${raw}: ${key} takes a number`);
    return v;
  }
  if (typeof like === 'boolean') {
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    throw new UserError(`--set ${method}.${key}=${raw}: ${key} takes true or false`);
  }
  return raw;
}

/** defaults ← smoke overrides (in smoke mode) ← user overrides, each key checked against the defaults. */
export function resolveParams(method: AnyMethod, overrides: readonly ParamOverride[], smoke: boolean): Params {
  const params: Params = { ...method.defaults, ...(smoke ? (method.smoke ?? {}) : {}) };
  for (const o of overrides) {
    if (o.method !== method.id) continue;
    if (!(o.key in method.defaults)) {
      const known = Object.keys(method.defaults).join(', ') || '(none)';
      throw new UserError(`--set ${o.method}.${o.key}: ${method.id} has no parameter "${o.key}". Its parameters: ${known}`);
    }
    params[o.key] = coerce(o.method, o.key, o.raw, method.defaults[o.key]);
  }
  try {
    method.checkParams?.(params);
  } catch (e) {
    throw new UserError((e as Error).message); // a bad combination is a bad command line: exit 2 before any run
  }
  return params;
}

/**
 * The benchmark scripts' `--set KEY=VALUE[,KEY=VALUE…]` flags (repeatable; the method is implied) as `scbench run
 * --set METHOD.KEY=VALUE` reads them: the same key check and the same coercion, so a typo or `kl=flase` fails here too.
 * Returns only the overridden keys; a key given twice keeps its last value.
 */
export function benchOverrides(method: AnyMethod, flags: readonly string[]): Params {
  const parsed = flags.flatMap((f) => f.split(',')).filter((kv) => kv !== '').map((kv) => {
    if (!/^\w+=/.test(kv)) throw new UserError(`--set ${kv}: expected KEY=VALUE, e.g. --set trainEpochs=50`);
    return parseOverride(`${method.id}.${kv}`);
  });
  const resolved = resolveParams(method, parsed, false);
  return Object.fromEntries(parsed.map((o) => [o.key, resolved[o.key]]));
}

/** A short stable hash of resolved parameters: runs with other parameters are other runs. */
export function hashParams(params: Params): string {
  const canonical = JSON.stringify(Object.keys(params).sort().map((k) => [k, params[k]]));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}
