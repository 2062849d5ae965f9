/**
 * Bring a results folder up to a method's new parameter: records made before `--param` existed get it with the
 * method's current default, and a new hash (runner `addParameter`; the convention that a new parameter's default
 * changes nothing is what makes this true). Afterwards the report names those rows as the default again, and
 * `scbench run` into the folder resumes instead of re-running them. Re-render with `scbench report DIR`.
 *
 *   npx tsx tools/data/add-param.ts --dir reports/issue5 --method scllm-dsc --param geneVectors
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { addParameter, findMethod, readRecords } from '@scbench/runner';

const { values: args } = parseArgs({ options: { dir: { type: 'string' }, method: { type: 'string' }, param: { type: 'string' } } });
if (!args.dir || !args.method || !args.param) {
  console.error('usage: npx tsx tools/data/add-param.ts --dir DIR --method METHOD --param KEY');
  process.exit(2);
}
const file = join(args.dir, 'records.jsonl');
if (!existsSync(file)) {
  console.error(`${file} does not exist: give the folder a scbench run wrote (--out)`);
  process.exit(2);
}
let method: ReturnType<typeof findMethod>;
try {
  method = findMethod(args.method);
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
const defaults = method.defaults as Record<string, string | number | boolean>;
if (!(args.param in defaults)) {
  console.error(`${args.method} has no parameter '${args.param}'; its parameters: ${Object.keys(defaults).join(', ')}`);
  process.exit(2);
}
const { records, changed } = addParameter(readRecords(file), args.method, args.param, defaults[args.param]);
// Write beside, then rename: a crash leaves the old file whole, never half a migration.
const tmp = `${file}.tmp-${process.pid}`;
writeFileSync(tmp, records.map((r) => JSON.stringify(r) + '\n').join(''));
renameSync(tmp, file);
console.log(`${file}: ${changed} ${args.method} record(s) given ${args.param}=${String(defaults[args.param])}; re-render with: npx scbench report ${args.dir}`);
