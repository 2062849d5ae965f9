export * from './semantic/index.ts';
export * from './structural/index.ts';
