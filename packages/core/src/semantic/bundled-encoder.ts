import { cachedEncoder, useLiteEncoder, type TextEncoder } from '@scbench/text-encoder';

let bundled: Promise<TextEncoder> | null = null;

/**
 * The bundled offline encoder (USE-lite) behind the per-text disk cache ($SCBENCH_CACHE/text), loaded on first use
 * and shared by every method of this process. The per-text cache shares gene descriptions across datasets and keeps
 * the work of an interrupted first run; ctx.cache (inside semanticView) then skips the encoder altogether.
 */
export function bundledEncoder(): Promise<TextEncoder> {
  bundled ??= useLiteEncoder().then((e) => cachedEncoder(e));
  return bundled;
}
