export { filterCells, filterGenes, type CellFilter, type GeneFilter, type Filtered } from './filter.ts';
export { sizeFactors } from './size-factors.ts';
export { normalizeTotal, type NormalizeTotalOptions } from './normalize-total.ts';
export { log1p } from './log1p.ts';
export { highlyVariableGenes, cutBins, type HvgOptions, type HvgResult } from './hvg.ts';
export { scale, type ScaleOptions, type Scaled } from './scale.ts';
export { standardPipeline, type PipelineOptions, type Preprocessed } from './pipeline.ts';
export { selectColumns, selectRows } from './subset.ts';
export { cellTotals, geneMeanVar } from './stats.ts';
