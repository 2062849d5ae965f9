import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { readTsv } from '../src/tsv.ts';
const whole = gzipSync('#tax_id\tGeneID\tSymbol\n' + Array.from({ length: 5000 }, (_, i) => `9606\t${i}\tG${i * 7919}\n`).join(''));
writeFileSync('/tmp/kt/cut.gz', whole.subarray(0, whole.length >> 1));
process.on('uncaughtException', (e) => console.log('UNCAUGHT', e));
const r = await readTsv('/tmp/kt/cut.gz', { what: 'x', required: ['tax_id'] }, () => () => {}).then((n) => 'ok ' + n, (e) => 'rejected ' + e);
console.log(r);
