/**
 * The main job on a fresh machine (`npm start` = `scbench run --default`): every registered method — scLLM-DSC,
 * scCDCG, each deep baseline, the classical pipelines and the controls — each with its `quick` schedule, on the
 * embedded real dataset wang_pancreas (datasets/embedded: gene names, so scLLM-DSC's text view runs) and on two
 * built-in synthetic sets of two difficulties. No download and no ../shared; under 10 minutes on 2 cores.
 * Two runs at a time (one engine thread each): half the runs are short, and a run's start-up (loading the engine)
 * then overlaps another's work. The report says that times were measured beside another run.
 */
export const DEFAULT_GRID = {
  datasets: ['wang_pancreas', 'synthetic:cells=800,genes=1000,groups=6', 'synthetic:cells=1000,genes=1200,groups=8,lfc=1.0'],
  seeds: [0],
  jobs: 2,
  out: 'reports/latest',
} as const;
