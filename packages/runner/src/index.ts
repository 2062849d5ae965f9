export { main } from "./cli.ts";
export { diskCache } from './disk-cache.ts';
export { loadForRun, parseSyntheticSpec } from './load-data.ts';
export { bestSnapshotByAcc } from './score-run.ts';
export { addParameter, addParameterInFolder } from './add-parameter.ts';
export { benchOverrides } from './params.ts';
export { mergeResults, resultFile, writeResultFile } from './executors/slurm/result-files.ts';
export { chooseLabelledCells, runHandingLabels } from './label-hand-off.ts';
export { scoreRun } from './score-run.ts';
