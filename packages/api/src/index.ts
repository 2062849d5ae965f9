export * from './matrix.ts';
export * from './dataset.ts';
export * from './context.ts';
export * from './method.ts';
export * from './param-rules.ts';
export * from './metric.ts';
export * from './record.ts';
export * from './testing.ts';
