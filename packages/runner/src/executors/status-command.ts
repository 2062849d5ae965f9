// `scbench status DIR [--json]`.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXIT, UserError } from '../exit-codes.ts';
import { arrayTaskStates, jobState } from './slurm/slurm-commands.ts';
import { formatStatus, gridStatus } from './slurm/status.ts';

export const STATUS_HELP = `Usage: scbench status DIR [--json]

Counts the runs of an output folder: done, failed, timed out (newest record of each run, merged or not), and, for
grids submitted with --executor slurm, running and pending (from the Slurm queue) and any collector still to come.`;

export function statusCommand(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UserError(`${(e as Error).message}\nSee --help.`);
  }
  if (parsed.values.help) {
    process.stdout.write(STATUS_HELP + '\n');
    return EXIT.ok;
  }
  const dir = parsed.positionals[0];
  if (!dir) throw new UserError('scbench status DIR: give the output folder of a run');
  if (!existsSync(dir)) throw new UserError(`scbench status ${dir}: no such folder`, EXIT.badInput);
  const s = gridStatus(dir, arrayTaskStates, jobState);
  process.stdout.write((parsed.values.json ? JSON.stringify(s) : formatStatus(dir, s)) + '\n');
  return EXIT.ok;
}
