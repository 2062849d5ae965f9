// @swc/jest, plus one prologue per module that binds the globals numeric code reads in hot loops (Math, Number,
// Infinity, NaN, the typed-array constructors) as module constants. Why: jest evaluates every module in a vm
// context, where each read of a global goes through the context's interceptor, so a loop calling Math.log or
// comparing with Infinity runs ~10× slower than under plain node (2026-12-06: the scdeepcluster accuracy-guard case
// took 71 s in jest and 13 s by `scbench run`; 19 s with this prologue on our modules and tfjs' bundles). The
// constants hold the very objects the context's globals hold (jest.environment.cjs puts the outer realm's typed
// arrays there), so the code computes what it computes outside jest. The prologue goes on the module's first line
// (after a CommonJS "use strict", which must stay first), so stack traces keep their line numbers.
const { createHash } = require('node:crypto');
const { createTransformer: swcTransformer } = require('@swc/jest');

/** isNaN / isFinite are left out: tfjs declares functions of those names at its modules' top level. */
const GLOBALS = [
  'Math', 'Number', 'Infinity', 'NaN', 'Array', 'Object',
  'Float32Array', 'Float64Array', 'Int8Array', 'Int16Array', 'Int32Array', 'Uint8Array', 'Uint16Array', 'Uint32Array',
];
const PROLOGUE = `const { ${GLOBALS.join(', ')} } = globalThis; `;
const PROLOGUE_KEY = createHash('sha1').update(PROLOGUE).digest('hex');
const USE_STRICT = /^\s*(["'])use strict\1;?/;

function withPrologue(result) {
  const out = typeof result === 'string' ? { code: result } : result;
  const directive = USE_STRICT.exec(out.code)?.[0] ?? '';
  return { ...out, code: directive + PROLOGUE + out.code.slice(directive.length) };
}

module.exports = {
  /** TypeScript: @swc/jest with `options`; `{ prologueOnly: true }`: plain JavaScript (tfjs' bundles), prologue only. */
  createTransformer(options) {
    if (options?.prologueOnly) {
      return {
        process: (src) => withPrologue(src),
        getCacheKey: (src, path) => createHash('sha1').update(`${path}\0${src}\0${PROLOGUE_KEY}`).digest('hex'),
      };
    }
    const swc = swcTransformer(options);
    return {
      ...swc,
      process: (src, path, opts) => withPrologue(swc.process(src, path, opts)),
      processAsync: async (src, path, opts) => withPrologue(await swc.processAsync(src, path, opts)),
      getCacheKey: (src, path, opts) => `${swc.getCacheKey(src, path, opts)}-${PROLOGUE_KEY}`,
    };
  },
};
