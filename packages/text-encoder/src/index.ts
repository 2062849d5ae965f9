export type { TextEncoder, EmbedOptions } from './encoder.ts';
export { UnigramTokenizer, type UnigramOptions, type UnigramRules } from './tokenize/unigram.ts';
export { UseLiteTokenizer } from './tokenize/use-lite-tokenizer.ts';
export { useLiteEncoder, bundledUseLite, USE_LITE_MAX_TOKENS, USE_LITE_DIM, type UseLiteOptions } from './use-lite.ts';
export { cachedEncoder, type CachedEncoder, type CacheStats, type CacheOptions } from './cache.ts';
export { EmbeddingStore, defaultCacheDir, textKey, encoderFolder, type StoreOptions } from './cache-store.ts';
