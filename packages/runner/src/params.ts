import { createHash } from 'node:crypto';
import { checkParamValues, readParam, rulesOf, type AnyMethod, type ParamRules, type Params } from '@scbench/api';
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

/**
 * defaults ← smoke overrides (in smoke mode) ← user overrides. Each `--set` string is read by the parameter's rule
 * (`paramRules`, or the type of its default), then every value is checked against its rule and by the method's own
 * `checkParams`: a bad value is a bad command line, exit 2 before any data loads.
 */
export function resolveParams(method: AnyMethod, overrides: readonly ParamOverride[], smoke: boolean, quick = false): Params {
  // quick: the default grid's short schedule (MethodDef.quick), applied after the smoke overrides.
  const params: Params = { ...method.defaults, ...(smoke ? (method.smoke ?? {}) : {}), ...(quick ? (method.quick ?? {}) : {}) };
  const rules: ParamRules = rulesOf(method);
  for (const o of overrides) {
    if (o.method !== method.id) continue;
    if (!(o.key in method.defaults)) {
      const known = Object.keys(method.defaults).join(', ') || '(none)';
      throw new UserError(`--set ${o.method}.${o.key}: ${method.id} has no parameter "${o.key}". Its parameters: ${known}`);
    }
    try {
      params[o.key] = readParam(o.key, rules[o.key], o.raw);
    } catch (e) {
      throw new UserError(`--set ${o.method}.${o.key}=${o.raw}: ${(e as Error).message}`);
    }
  }
  try {
    checkParamValues(method.id, rules, params);
    method.checkParams?.(params);
  } catch (e) {
    throw new UserError((e as Error).message);
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
