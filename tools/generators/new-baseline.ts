// Kept for old instructions: `npx tsx tools/generators/new-baseline.ts <id> ["Label"]` runs the Nx generator
// `npx nx g @scbench/tools:baseline <id> --label "Label"` (tools/generators/baseline), which also registers the method.
import { spawnSync } from 'node:child_process';

const [id, label] = process.argv.slice(2);
if (!id) {
  console.error('usage: npx nx g @scbench/tools:baseline <id> [--label "Label"]');
  process.exit(2);
}
const args = ['nx', 'g', '@scbench/tools:baseline', id, ...(label ? ['--label', label] : [])];
const r = spawnSync('npx', args, { stdio: 'inherit', cwd: new URL('../../', import.meta.url).pathname });
process.exit(r.status ?? 1);
