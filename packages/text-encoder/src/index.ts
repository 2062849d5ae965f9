export type { TextEncoder, EmbedOptions } from './encoder.ts';
