// NCBI gene_info reader (gene/DATA/GENE_INFO/<Group>/<Genus_species>.gene_info[.gz], or All_Data.gene_info.gz).
// Only the columns the resolver and the descriptions use are required; the others are read when present, so the
// bundled tables (which fill several columns with '-') and NCBI's own files go through the same code.
import { KnowledgeError } from './errors.ts';
import { integer, list, readTsv, value } from './tsv.ts';

export interface GeneRecord {
  readonly taxId: number;
  readonly geneId: number;
  /** Official symbol (NCBI `Symbol`). */
  readonly symbol: string;
  /** Other names (NCBI `Synonyms`), the official symbol not included. */
  readonly synonyms: readonly string[];
  /** `Db:id` cross references, e.g. `MIM:138670`, `Ensembl:ENSG00000121410`, `HGNC:HGNC:5`. */
  readonly dbXrefs: readonly string[];
  readonly chromosome: string | null;
  /** Cytoband; alternatives kept '|'-separated in the bundled file become ' or '-joined here by the describer. */
  readonly mapLocation: string | null;
  /** NCBI `description`: the full gene name ("alpha-1-B glycoprotein"). */
  readonly description: string | null;
  /** NCBI `type_of_gene`: protein-coding, ncRNA, pseudo, ... */
  readonly type: string | null;
  /** NCBI `Full_name_from_nomenclature_authority` (HGNC/MGI name) when present. */
  readonly authorityFullName: string | null;
  readonly otherDesignations: readonly string[];
}

export interface GeneTable {
  readonly taxId: number;
  readonly path: string;
  /** In file order (NCBI sorts by GeneID). */
  readonly genes: readonly GeneRecord[];
  readonly byId: ReadonlyMap<number, GeneRecord>;
}

export const GENE_INFO_COLUMNS = [
  'tax_id',
  'GeneID',
  'Symbol',
  'Synonyms',
  'dbXrefs',
  'chromosome',
  'map_location',
  'description',
  'type_of_gene',
] as const;

/** Reads the rows of one species from a gene_info file (single-species or NCBI's multi-species files). */
export async function readGeneInfo(path: string, taxId: number): Promise<GeneTable> {
  const genes: GeneRecord[] = [];
  const byId = new Map<number, GeneRecord>();
  await readTsv(path, { what: 'gene_info', required: GENE_INFO_COLUMNS, firstFieldIn: new Set([String(taxId)]) }, (h) => {
    const [iGene, iSym, iSyn, iX, iChr, iMap, iDesc, iType] = GENE_INFO_COLUMNS.slice(1).map((c) => h.index(c));
    const iAuthName = h.optional('Full_name_from_nomenclature_authority');
    const iOther = h.optional('Other_designations');
    return (f, lineNo) => {
      const geneId = integer(f[iGene], 'GeneID', path, lineNo);
      const symbol = value(f[iSym]);
      if (symbol === null) {
        throw new KnowledgeError(`line ${lineNo}: GeneID ${geneId} has no Symbol`, path, 'NCBI gives every gene a symbol; fetch the file again');
      }
      if (byId.has(geneId)) {
        throw new KnowledgeError(`line ${lineNo}: GeneID ${geneId} appears twice`, path, 'a gene_info file lists each GeneID once; fetch the file again');
      }
      const rec: GeneRecord = {
        taxId,
        geneId,
        symbol,
        synonyms: list(f[iSyn]),
        dbXrefs: list(f[iX]),
        chromosome: value(f[iChr]),
        mapLocation: value(f[iMap]),
        description: value(f[iDesc]),
        type: value(f[iType]),
        authorityFullName: iAuthName < 0 ? null : value(f[iAuthName]),
        otherDesignations: iOther < 0 ? [] : list(f[iOther]),
      };
      genes.push(rec);
      byId.set(geneId, rec);
    };
  });
  if (genes.length === 0) {
    throw new KnowledgeError(
      `gene_info has no rows for tax_id ${taxId}`,
      path,
      `use the gene_info file of tax_id ${taxId} (NCBI: gene/DATA/GENE_INFO/.../<Genus_species>.gene_info.gz)`,
    );
  }
  return { taxId, path, genes, byId };
}

/** Ensembl gene ids from dbXrefs (`Ensembl:ENSG00000121410`), without version. */
export function ensemblIds(rec: GeneRecord): string[] {
  const out: string[] = [];
  for (const x of rec.dbXrefs) if (x.startsWith('Ensembl:')) out.push(stripVersion(x.slice(8)));
  return out;
}

/** `ENSG00000121410.12` → `ENSG00000121410`. */
export function stripVersion(id: string): string {
  const dot = id.indexOf('.');
  return dot < 0 ? id : id.slice(0, dot);
}
