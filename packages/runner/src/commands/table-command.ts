import type { Protocol, RunRecord } from '@scbench/api';
import { buildReportModel, paperTable, TABLE_FORMATS, TABLE_METRICS, type BaseParams, type ScoreKey, type TableFormat } from '@scbench/report';
import { UserError } from '../exit-codes.ts';

/**
 * `scbench table DIR --metric ari --format markdown|latex|csv`: the mean ± sd table of one metric over the folder's
 * records, for a manuscript (best per dataset marked, mean ranks). `--protocol paper` tables the label-picked epoch.
 */
export function tableCommand(records: readonly RunRecord[], baseParams: BaseParams, metric = 'ari', format = 'markdown', protocol: Protocol = 'honest'): string {
  const metricKeys = TABLE_METRICS.map((t) => t.key as string);
  if (!metricKeys.includes(metric)) throw new UserError(`--metric ${metric}: use one of ${metricKeys.join(', ')}`);
  if (!(TABLE_FORMATS as readonly string[]).includes(format)) throw new UserError(`--format ${format}: use one of ${TABLE_FORMATS.join(', ')}`);
  const model = buildReportModel(records, { protocol, title: '', baseParams });
  try {
    return paperTable(model, { metric: metric as ScoreKey, format: format as TableFormat, paper: protocol === 'paper' });
  } catch (e) {
    throw new UserError((e as Error).message);
  }
}
