export * from './semantic/index.ts';
export * from './structural/index.ts';
export * from './scllm-dsc/index.ts';
