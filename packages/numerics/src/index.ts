export { linearSumAssignment } from './hungarian.ts';
export * from './rng.ts';
export * from './dense.ts';
export * from './csr.ts';
export * from './kmeans.ts';
export * from './knn.ts';
export * from './linalg.ts';
export * from './pca.ts';
