/**
 * The main job on a fresh machine (`npm start`): built-in synthetic data only, so it needs no download and no
 * ../shared. Two difficulties, so the report shows a real spread between methods; the controls bracket the scores.
 */
export const DEFAULT_GRID = {
  methods: ['pca-kmeans', 'leiden', 'true-labels', 'random-labels'],
  datasets: ['synthetic:cells=1200,genes=1500,groups=6', 'synthetic:cells=2000,genes=2000,groups=10,lfc=1.0'],
  seeds: [0, 1, 2],
  out: 'reports/latest',
} as const;
