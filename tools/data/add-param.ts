/**
 * Bring a results folder up to a method's new parameter: records made before `--param` existed get it with the
 * method's current default, and a new hash, their logs and pictures renamed to match (runner `addParameterInFolder`; the convention that a new parameter's
 * default changes nothing is what makes this true). Afterwards the report names those rows as the default again, and
 * `scbench run` into the folder resumes instead of re-running them. Re-render with `scbench report DIR`.
 *
 *   npx tsx tools/data/add-param.ts --dir reports/issue5 --method scllm-dsc --param geneVectors
 */
import { parseArgs } from 'node:util';
import { addParameterInFolder } from '@scbench/runner';

const { values: args } = parseArgs({ options: { dir: { type: 'string' }, method: { type: 'string' }, param: { type: 'string' } } });
try {
  if (!args.dir || !args.method || !args.param) throw new Error('usage: npx tsx tools/data/add-param.ts --dir DIR --method METHOD --param KEY');
  const { file, changed, value } = addParameterInFolder(args.dir, args.method, args.param);
  console.log(`${file}: ${changed} ${args.method} record(s) given ${args.param}=${String(value)}; re-render with: npx scbench report ${args.dir}`);
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 2;
}
