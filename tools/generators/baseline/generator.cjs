// The `baseline` generator: `npx nx g @scbench/tools:baseline <id> [--label "Label"]`.
// Writes baselines/<id>/ from ./files (a small deep method built on the engine's fit, denseStack and decStage, a
// test that fails until the method recovers planted groups, a README skeleton), adds the method to the runner's
// typed registry and the runner's dependencies, then runs `npm install` to link the workspace package.
// Plain CommonJS so that Nx loads it without a TypeScript transpiler (Nx needs @swc-node or ts-node for a .ts
// generator on Node 20; neither is a dependency here). Types: generator.d.cts.
const { execSync } = require('node:child_process');
const path = require('node:path');
const { generateFiles, names, updateJson } = require('@nx/devkit');

const ID = /^[a-z][a-z0-9-]*$/;
const REGISTRY = 'packages/runner/src/registry.ts';
const RUNNER_PACKAGE = 'packages/runner/package.json';

/**
 * The registry source with `import { camel } from '@scbench/baseline-<id>'` among the imports (after the last
 * baseline import, or after the first import) and `camel` in the `methods` list before the controls.
 */
function addToRegistry(source, id, camel) {
  const importLine = `import { ${camel} } from '@scbench/baseline-${id}';`;
  if (source.includes(importLine)) throw new Error(`${REGISTRY} already imports ${camel}`);
  const lines = source.split('\n');
  let at = -1;
  lines.forEach((l, i) => {
    if (/^import .* from '@scbench\/baseline-/.test(l)) at = i;
  });
  if (at < 0) at = lines.findIndex((l) => l.startsWith('import '));
  if (at < 0) throw new Error(`${REGISTRY} has no import lines; add ${camel} by hand`);
  lines.splice(at + 1, 0, importLine);
  let out = lines.join('\n');
  const list = /export const methods = \[([^\]]*)\]/.exec(out);
  if (!list) throw new Error(`${REGISTRY} has no 'export const methods = [...]'; add ${camel} by hand`);
  const entries = list[1].split(',').map((s) => s.trim()).filter(Boolean);
  const control = entries.findIndex((e) => e === 'trueLabels' || e === 'randomLabels');
  entries.splice(control < 0 ? entries.length : control, 0, camel);
  out = out.replace(list[0], `export const methods = [${entries.join(', ')}]`);
  return out;
}

function normalizeOptions(options) {
  const id = String(options.id ?? '');
  if (!ID.test(id)) throw new Error(`baseline id '${id}' must be lower case letters, digits and dashes, starting with a letter (e.g. scdeepcluster)`);
  return { id, label: options.label || id, camel: names(id).propertyName, skipInstall: options.skipInstall === true };
}

async function baselineGenerator(tree, options) {
  const o = normalizeOptions(options);
  const dir = `baselines/${o.id}`;
  if (tree.exists(dir)) throw new Error(`${dir} exists already; choose another id or edit it by hand`);
  if (!tree.exists(REGISTRY)) throw new Error(`${REGISTRY} not found: run the generator at the scbench workspace root`);
  generateFiles(tree, path.join(__dirname, 'files'), dir, { ...o, tmpl: '' });
  tree.write(REGISTRY, addToRegistry(tree.read(REGISTRY, 'utf-8'), o.id, o.camel));
  updateJson(tree, RUNNER_PACKAGE, (json) => {
    const deps = { ...(json.dependencies ?? {}), [`@scbench/baseline-${o.id}`]: '*' };
    json.dependencies = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));
    return json;
  });
  return () => {
    if (o.skipInstall) return;
    execSync('npm install --no-audit --no-fund', { cwd: tree.root, stdio: 'inherit' });
    console.log(`\n${dir} is registered. Next: make its test pass (npx jest in ${dir}), then write its README.`);
  };
}

module.exports = baselineGenerator;
module.exports.default = baselineGenerator;
module.exports.baselineGenerator = baselineGenerator;
module.exports.addToRegistry = addToRegistry;
