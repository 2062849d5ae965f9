// The collector job: `node --import tsx collect-main.ts PLAN`, submitted with --dependency=afterany on the arrays.
import { main as cli } from '../../cli.ts';
import { collect } from './collect.ts';
import { readPlan } from './plan-file.ts';
import { arrayTaskStates } from './slurm-commands.ts';

const planPath = process.argv[2];
if (!planPath) {
  process.stderr.write('usage: node --import tsx collect-main.ts PLAN.json\n');
  process.exit(2);
}
const plan = readPlan(planPath);
const s = await collect(plan, arrayTaskStates);
process.stderr.write(`collected ${plan.submission}: ${s.added} new record(s) merged into ${plan.out}/records.jsonl (${s.files} result files; ${s.fromSlurm} from Slurm's state${s.active ? `; ${s.active} task(s) still active` : ''})\n`);
process.exitCode = plan.report ? await cli(['report', plan.out, '--protocol', plan.protocol]) : 0;
