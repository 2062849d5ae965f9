// Cell and gene filters, as scanpy's pp.filter_cells / pp.filter_genes: a cell (gene) is kept when it meets every
// given threshold. They return the kept indices, so that callers can subset names and labels alike.
import type { Csr, Matrix } from '@scbench/api';
import { cellGeneCounts, cellTotals, geneTotals } from './stats.ts';
import { selectColumns, selectRows } from './subset.ts';

export interface Filtered {
  readonly counts: Matrix | Csr;
  /** Indices (ascending) of the kept rows or columns in the input. */
  readonly kept: Int32Array;
}

export interface CellFilter {
  /** Keep cells with at least this many total counts. */
  readonly minCounts?: number;
  /** Keep cells with at least this many expressed genes (non-zero entries). */
  readonly minGenes?: number;
  readonly maxCounts?: number;
  readonly maxGenes?: number;
}

export function filterCells(m: Matrix | Csr, f: CellFilter): Filtered {
  const totals = cellTotals(m);
  const genes = cellGeneCounts(m);
  const kept: number[] = [];
  for (let i = 0; i < m.rows; i++) {
    if (f.minCounts !== undefined && totals[i] < f.minCounts) continue;
    if (f.minGenes !== undefined && genes[i] < f.minGenes) continue;
    if (f.maxCounts !== undefined && totals[i] > f.maxCounts) continue;
    if (f.maxGenes !== undefined && genes[i] > f.maxGenes) continue;
    kept.push(i);
  }
  const k = Int32Array.from(kept);
  return { counts: k.length === m.rows ? m : selectRows(m, k), kept: k };
}

export interface GeneFilter {
  /** Keep genes with at least this many counts over all cells. */
  readonly minCounts?: number;
  /** Keep genes expressed (non-zero) in at least this many cells. */
  readonly minCells?: number;
  readonly maxCounts?: number;
  readonly maxCells?: number;
}

export function filterGenes(m: Matrix | Csr, f: GeneFilter): Filtered {
  const { sums, cells } = geneTotals(m);
  const kept: number[] = [];
  for (let j = 0; j < m.cols; j++) {
    if (f.minCounts !== undefined && sums[j] < f.minCounts) continue;
    if (f.minCells !== undefined && cells[j] < f.minCells) continue;
    if (f.maxCounts !== undefined && sums[j] > f.maxCounts) continue;
    if (f.maxCells !== undefined && cells[j] > f.maxCells) continue;
    kept.push(j);
  }
  const k = Int32Array.from(kept);
  return { counts: k.length === m.cols ? m : selectColumns(m, k), kept: k };
}
