/**
 * Typed, validated method parameters. A method declares one rule per parameter (`defineParams`); the rule gives the
 * parameter its TypeScript type (a string-literal union for a `choice`), its default, how a `--set` string is read
 * and which values are allowed. The runner reads `--set` values and checks every resolved value with the rules
 * before the method's own `checkParams` runs, so that check (and `run`) receives values that are already valid.
 */

/** Parameters are flat and primitive so that `--set method.key=value` and records can carry them. */
export type ParamValue = number | string | boolean;
export type Params = Record<string, ParamValue>;

/** One parameter: its default, what it takes (for messages), how a command-line string is read, what it accepts. */
export interface ParamRule<T extends ParamValue = ParamValue> {
  readonly default: T;
  /** What the parameter takes, worded to follow "takes": "one of 'on', 'off'", "an integer ≥ 1". */
  readonly takes: string;
  /** The typed value a command-line string stands for (not yet checked): a number rule reads '1e-3' as 0.001. */
  read(raw: string): ParamValue;
  accepts(value: ParamValue): value is T;
}

/** Rules for every parameter of a method, keyed like its defaults. */
export type ParamRules<P extends Params = Params> = { readonly [K in keyof P]: ParamRule<P[K]> };

/** The parameter record a set of rules describes, e.g. `{ mode: 'paper' | 'corrected'; nInit: number }`. */
export type ParamsOf<R extends Readonly<Record<string, ParamRule>>> = { -readonly [K in keyof R]: R[K] extends ParamRule<infer T> ? T : never };

export interface ParamSchema<P extends Params> {
  readonly defaults: P;
  readonly rules: ParamRules<P>;
}

/** Defaults and rules from one declaration: `defineParams({ mode: choice(['corrected', 'paper']), nInit: positiveInt(20) })`. */
export function defineParams<R extends Readonly<Record<string, ParamRule>>>(rules: R): ParamSchema<ParamsOf<R>> {
  const defaults = Object.fromEntries(Object.entries(rules).map(([key, rule]) => {
    if (!rule.accepts(rule.default)) throw new Error(`defineParams: the default of ${key} (${String(rule.default)}) is not ${rule.takes}`);
    return [key, rule.default];
  }));
  return { defaults: defaults as ParamsOf<R>, rules: rules as unknown as ParamRules<ParamsOf<R>> };
}

const quote = (v: string): string => `'${v}'`;

/** One of a fixed set of strings; the default is the first unless given. The type is the union of the values. */
export function choice<const T extends string>(values: readonly T[], dflt: T = values[0]): ParamRule<T> {
  return {
    default: dflt,
    takes: `one of ${values.map(quote).join(', ')}`,
    read: (raw) => raw,
    accepts: (v): v is T => typeof v === 'string' && (values as readonly string[]).includes(v),
  };
}

export function flag(dflt: boolean): ParamRule<boolean> {
  return {
    default: dflt,
    takes: 'true or false',
    read: (raw) => (raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw),
    accepts: (v): v is boolean => typeof v === 'boolean',
  };
}

/** Bounds of a number: min/max inclusive, above/below exclusive. */
export interface Bounds {
  readonly min?: number;
  readonly max?: number;
  readonly above?: number;
  readonly below?: number;
}

function within(v: number, b: Bounds): boolean {
  return (b.min === undefined || v >= b.min) && (b.max === undefined || v <= b.max)
    && (b.above === undefined || v > b.above) && (b.below === undefined || v < b.below);
}

function describeBounds(b: Bounds): string {
  const lo = b.min !== undefined ? `[${b.min}` : b.above !== undefined ? `(${b.above}` : undefined;
  const hi = b.max !== undefined ? `${b.max}]` : b.below !== undefined ? `${b.below})` : undefined;
  if (lo !== undefined && hi !== undefined) return ` in ${lo}, ${hi}`;
  if (lo !== undefined) return b.min !== undefined ? ` ≥ ${b.min}` : ` > ${b.above}`;
  if (hi !== undefined) return b.max !== undefined ? ` ≤ ${b.max}` : ` < ${b.below}`;
  return '';
}

const readNumber = (raw: string): ParamValue => (raw.trim() === '' ? raw : Number(raw));

function numberRule(dflt: number, bounds: Bounds, whole: boolean): ParamRule<number> {
  return {
    default: dflt,
    takes: `${whole ? 'an integer' : 'a number'}${describeBounds(bounds)}`,
    read: readNumber,
    accepts: (v): v is number => typeof v === 'number' && (whole ? Number.isInteger(v) : Number.isFinite(v)) && within(v, bounds),
  };
}

/** A finite number, optionally bounded. */
export const real = (dflt: number, bounds: Bounds = {}): ParamRule<number> => numberRule(dflt, bounds, false);
/** A whole number, optionally bounded. */
export const integer = (dflt: number, bounds: Bounds = {}): ParamRule<number> => numberRule(dflt, bounds, true);
export const positiveInt = (dflt: number): ParamRule<number> => integer(dflt, { min: 1 });
export const nonNegativeInt = (dflt: number): ParamRule<number> => integer(dflt, { min: 0 });
/** A number in [min, max]. */
export const inRange = (dflt: number, min: number, max: number): ParamRule<number> => real(dflt, { min, max });

/** Free text (an encoder spec, a template name), optionally checked by `valid` with `takes` naming what it wants. */
export function text(dflt: string, takes = 'text', valid: (v: string) => boolean = () => true): ParamRule<string> {
  return {
    default: dflt,
    takes,
    read: (raw) => raw,
    accepts: (v): v is string => typeof v === 'string' && valid(v),
  };
}

/** 'auto' (default: another parameter decides) or a value of `rule`. */
export function autoOr<T extends ParamValue>(rule: ParamRule<T>): ParamRule<'auto' | T> {
  return {
    default: 'auto',
    takes: `'auto' or ${rule.takes}`,
    read: (raw) => (raw === 'auto' ? raw : rule.read(raw)),
    accepts: (v): v is 'auto' | T => v === 'auto' || rule.accepts(v),
  };
}

/** The rule a bare default implies (number, true/false, text), for methods that declare no rules. */
export function ruleLike<T extends ParamValue>(dflt: T): ParamRule<T> {
  const rule = typeof dflt === 'number' ? real(dflt) : typeof dflt === 'boolean' ? flag(dflt) : text(dflt);
  return rule as unknown as ParamRule<T>;
}

/** A method's rules, or the ones its defaults imply. */
export function rulesOf<P extends Params>(method: { readonly defaults: P; readonly paramRules?: ParamRules<P> }): ParamRules<P> {
  if (method.paramRules) return method.paramRules;
  return Object.fromEntries(Object.entries(method.defaults).map(([key, v]) => [key, ruleLike(v)])) as unknown as ParamRules<P>;
}

/** A command-line string as the parameter's value; throws "KEY takes …" when it is not one. */
export function readParam<T extends ParamValue>(key: string, rule: ParamRule<T>, raw: string): T {
  const v = rule.read(raw);
  if (!rule.accepts(v)) throw new Error(`${key} takes ${rule.takes}`);
  return v;
}

/**
 * Every value checked against its rule; one error naming each bad value and what it takes, prefixed with the
 * method id. Returns the parameters, typed.
 */
export function checkParamValues<P extends Params>(method: string, rules: ParamRules<P>, params: Params): P {
  const problems = Object.entries(rules as Readonly<Record<string, ParamRule>>)
    .filter(([key, rule]) => !rule.accepts(params[key]))
    .map(([key, rule]) => `${key}=${String(params[key])}: ${key} takes ${rule.takes}`);
  if (problems.length) throw new Error(`${method}: ${problems.join('; ')}`);
  return params as P;
}
