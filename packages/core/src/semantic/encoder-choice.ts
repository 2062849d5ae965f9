/**
 * Which sentence encoder a run's semantic view uses, named by a parameter value (`encoder`), so the choice is part
 * of the run's identity: its parameter hash, its record, and the resume key. The bundled USE-lite is the offline
 * default. The paper's own encoder (OpenAI `text-embedding-3-small`, METHODS.md §3.3) and any sentence-transformer
 * exported to ONNX run where they can be reached. The gene-knowledge encoders ('go-svd', 'lsa', 'go-lsa',
 * knowledge-encoder.ts) learn gene vectors from the NCBI tables offline. Every encoder sits behind the per-text disk cache, keyed by its
 * id, so switching encoders never reuses another encoder's vectors.
 */
import { cachedEncoder, onnxEncoder, openAiEncoder, type TextEncoder } from '@scbench/text-encoder';
import { bundledEncoder } from './bundled-encoder.ts';
import { KNOWLEDGE_ENCODERS, knowledgeEncoder, type KnowledgeEncoderName } from './knowledge-encoder.ts';

export type EncoderSpec =
  | { readonly kind: 'use-lite' }
  | { readonly kind: 'openai'; readonly model: string; readonly baseUrl?: string }
  | { readonly kind: 'onnx'; readonly dir: string }
  | { readonly kind: 'knowledge'; readonly model: KnowledgeEncoderName };

export const ENCODER_FORMS = "'use-lite' (bundled, offline), 'go-svd', 'lsa' or 'go-lsa' (gene vectors learned offline from the NCBI tables), 'openai' or 'openai:<model>' (key in OPENAI_API_KEY), " +
  "'openai:<model>@<server URL>' (an OpenAI-compatible server), or 'onnx:<folder with model.onnx and tokenizer.json>'";

/** Parses an `encoder` parameter value; throws naming the accepted forms (and `owner`, the method, if given). */
export function parseEncoderSpec(value: unknown, owner?: string): EncoderSpec {
  const v = typeof value === 'string' ? value.trim() : '';
  if (v === 'use-lite') return { kind: 'use-lite' };
  if ((KNOWLEDGE_ENCODERS as readonly string[]).includes(v)) return { kind: 'knowledge', model: v as KnowledgeEncoderName };
  if (v === 'openai') return { kind: 'openai', model: 'text-embedding-3-small' };
  if (v.startsWith('openai:')) {
    // The server is part of the value, not the environment, so that it is part of the run's identity too.
    const rest = v.slice('openai:'.length);
    const at = rest.indexOf('@');
    const model = at < 0 ? rest : rest.slice(0, at);
    const baseUrl = at < 0 ? undefined : rest.slice(at + 1);
    if (model && baseUrl !== '') return { kind: 'openai', model, ...(baseUrl ? { baseUrl } : {}) };
  }
  if (v.startsWith('onnx:') && v.length > 'onnx:'.length) return { kind: 'onnx', dir: v.slice('onnx:'.length) };
  throw new Error(`${owner ? `${owner}: ` : ''}encoder '${String(value)}' is not one of ${ENCODER_FORMS}`);
}

const loaded = new Map<string, Promise<TextEncoder>>();

/** The encoder a spec names, loaded once per process and cached on disk. A failed load is not memoised. */
export function encoderFor(value: string): Promise<TextEncoder> {
  const spec = parseEncoderSpec(value);
  if (spec.kind === 'use-lite') return bundledEncoder();
  const key = value.trim();
  let p = loaded.get(key);
  if (!p) {
    p = (async () => {
      // Learned models are cheap to apply and cached per dataset by the semantic view; no per-text cache.
      if (spec.kind === 'knowledge') return knowledgeEncoder(spec.model);
      const base = spec.kind === 'openai'
        ? openAiEncoder({ model: spec.model, ...(spec.baseUrl ? { baseUrl: spec.baseUrl } : {}) })
        : await onnxEncoder({ modelDir: spec.dir });
      return cachedEncoder(base);
    })();
    p.catch(() => loaded.delete(key));
    loaded.set(key, p);
  }
  return p;
}
