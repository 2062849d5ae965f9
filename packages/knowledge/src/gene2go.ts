// NCBI gene2go reader (gene/DATA/gene2go.gz). The real file is all species (~1.3 GB unpacked); rows of other
// species are dropped before splitting. The bundled file is human only.
import { integer, readTsv, value } from './tsv.ts';

export type GoCategory = 'Process' | 'Function' | 'Component';

export interface GoAnnotation {
  readonly goId: string;
  /** GO evidence code (IDA, IEA, ...). */
  readonly evidence: string;
  /** NCBI qualifier ("enables", "NOT involved_in", ...); null when unknown (always, in the bundled file). */
  readonly qualifier: string | null;
  readonly term: string;
  readonly category: GoCategory;
}

export const GENE2GO_COLUMNS = ['tax_id', 'GeneID', 'GO_ID', 'Evidence', 'Qualifier', 'GO_term', 'Category'] as const;

const CATEGORIES = new Set<string>(['Process', 'Function', 'Component']);

/** GO annotations by tax_id, then GeneID. Every requested tax_id gets a map, empty when the file has no rows for it. */
export async function readGene2Go(path: string, taxIds: readonly number[]): Promise<Map<number, Map<number, GoAnnotation[]>>> {
  const byTax = new Map(taxIds.map((t) => [t, new Map<number, GoAnnotation[]>()] as const));
  const byTaxText = new Map(taxIds.map((t) => [String(t), byTax.get(t)!] as const));
  // GO ids, terms, evidence codes and categories recur on thousands of rows; sharing one string per distinct
  // value keeps 348k annotations at a few tens of MB instead of ~150 MB of per-row copies.
  const pool = new Map<string, string>();
  const intern = (s: string): string => {
    const hit = pool.get(s);
    if (hit !== undefined) return hit;
    pool.set(s, s);
    return s;
  };
  await readTsv(path, { what: 'gene2go', required: GENE2GO_COLUMNS, firstFieldIn: new Set(taxIds.map(String)) }, (h) => {
    const [iTax, iGene, iGo, iEv, iQual, iTerm, iCat] = GENE2GO_COLUMNS.map((c) => h.index(c));
    return (f, lineNo) => {
      const out = byTaxText.get(f[iTax])!;
      const category = f[iCat];
      if (!CATEGORIES.has(category)) return; // NCBI uses exactly these three; anything else is not a GO aspect we use
      const geneId = integer(f[iGene], 'GeneID', path, lineNo);
      const qualifier = value(f[iQual]);
      const ann: GoAnnotation = {
        goId: intern(f[iGo]),
        evidence: intern(f[iEv]),
        qualifier: qualifier === null ? null : intern(qualifier),
        term: intern(f[iTerm]),
        category: intern(category) as GoCategory,
      };
      const list = out.get(geneId);
      if (list) list.push(ann);
      else out.set(geneId, [ann]);
    };
  });
  return byTax;
}
