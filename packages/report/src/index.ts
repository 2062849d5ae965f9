export { buildReportModel, TABLE_METRICS, type ReportModel, type ReportOptions, type MetricTable, type Cell } from './model.ts';
export { rowNamer, type BaseParams } from './variants.ts';
export { renderModel, renderReport } from './render.ts';
export { groupedBarChart } from './chart.ts';
export { averageRanks, meanSd } from './stats.ts';
export { publishedNotes, type PublishedNote } from './published.ts';
