// NCBI gene_orthologs reader (gene/DATA/gene_orthologs.gz) plus the optional support table that the bundled
// knowledge folder adds (gene_orthologs_support.tsv: how many of 12 HCOP sources assert each pair).
// We only ever need "species gene → human gene(s)", so rows are read in either direction and kept for one
// target species.
import { integer, list, readTsv } from './tsv.ts';

export const HUMAN_TAX = 9606;

export interface OrthologLink {
  readonly humanGeneId: number;
  /** Number of HCOP sources asserting the pair (2..12); null when no support table was available. */
  readonly supportN: number | null;
  readonly support: readonly string[];
}

export const ORTHOLOG_COLUMNS = ['tax_id', 'GeneID', 'relationship', 'Other_tax_id', 'Other_GeneID'] as const;
export const SUPPORT_COLUMNS = ['tax_id', 'GeneID', 'Other_tax_id', 'Other_GeneID', 'support_n', 'support'] as const;

type Pairs = Map<number, Map<number, { supportN: number | null; support: readonly string[] }>>;

async function readPairs(path: string, what: string, columns: readonly string[], taxId: number, withSupport: boolean): Promise<Pairs> {
  const pairs: Pairs = new Map();
  const human = String(HUMAN_TAX);
  const target = String(taxId);
  await readTsv(path, { what, required: columns, firstFieldIn: new Set([human, target]) }, (h) => {
    const iTax = h.index('tax_id');
    const iGene = h.index('GeneID');
    const iOtherTax = h.index('Other_tax_id');
    const iOther = h.index('Other_GeneID');
    const iRel = h.optional('relationship');
    const iN = withSupport ? h.index('support_n') : -1;
    const iSup = withSupport ? h.index('support') : -1;
    return (f, lineNo) => {
      if (iRel >= 0 && f[iRel] !== 'Ortholog') return;
      let speciesGene: string;
      let humanGene: string;
      if (f[iTax] === human && f[iOtherTax] === target) [humanGene, speciesGene] = [f[iGene], f[iOther]];
      else if (f[iTax] === target && f[iOtherTax] === human) [speciesGene, humanGene] = [f[iGene], f[iOther]];
      else return;
      const s = integer(speciesGene, 'GeneID', path, lineNo);
      const hg = integer(humanGene, 'GeneID', path, lineNo);
      let m = pairs.get(s);
      if (!m) pairs.set(s, (m = new Map()));
      m.set(hg, withSupport ? { supportN: integer(f[iN], 'support_n', path, lineNo), support: list(f[iSup]) } : { supportN: null, support: [] });
    };
  });
  return pairs;
}

/**
 * Species GeneID → its human orthologs, ranked best first (see `rankOrthologs`).
 * `supportPath` is optional because NCBI publishes no support table; without it every link has supportN = null.
 */
export async function readOrthologs(path: string, taxId: number, supportPath: string | null): Promise<Map<number, OrthologLink[]>> {
  const pairs = await readPairs(path, 'gene_orthologs', ORTHOLOG_COLUMNS, taxId, false);
  const support = supportPath ? await readPairs(supportPath, 'gene_orthologs_support', SUPPORT_COLUMNS, taxId, true) : null;
  const out = new Map<number, OrthologLink[]>();
  for (const [speciesGene, humans] of pairs) {
    const links: OrthologLink[] = [];
    for (const humanGeneId of humans.keys()) {
      const s = support?.get(speciesGene)?.get(humanGeneId);
      links.push({ humanGeneId, supportN: s?.supportN ?? null, support: s?.support ?? [] });
    }
    out.set(speciesGene, rankOrthologs(links));
  }
  return out;
}

/**
 * Best first: most supporting sources, then the lowest human GeneID. The GeneID tie-break is arbitrary but
 * stable across runs and file orders; low GeneIDs are the older, usually better-studied genes (e.g. mouse
 * Cd4 → human CD4, GeneID 920). Links without support count as 0 sources.
 */
export function rankOrthologs(links: OrthologLink[]): OrthologLink[] {
  return links.sort((a, b) => (b.supportN ?? 0) - (a.supportN ?? 0) || a.humanGeneId - b.humanGeneId);
}
