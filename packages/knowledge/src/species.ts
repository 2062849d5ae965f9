// The four species the knowledge tables cover. Names, common names and NCBI taxonomy ids are all accepted,
// because dataset files store the species in different ways (h5 `species` = "Mus musculus", `taxon_id` = "10090").

export type TaxId = 9606 | 10090 | 6239 | 7227;

export interface Species {
  readonly taxId: TaxId;
  readonly scientificName: string;
  readonly commonName: string;
  /** File stem NCBI uses under gene/DATA/GENE_INFO (`Homo_sapiens.gene_info.gz`). */
  readonly fileStem: string;
  /**
   * How names are compared with symbols and aliases. Always exact spelling first; then
   * - 'fold': case-insensitive. HGNC (human) symbols are upper case except a few like C1orf112 that pipelines
   *   upper-case; MGI (mouse) symbols are capitalised (Cd4) and some tables upper-case them; WormBase symbols are
   *   lower case (unc-13). None of these nomenclatures uses case alone to tell genes apart.
   * - 'exact': FlyBase symbols are case-significant (h = hairy, H = Hairless), so a fold could name the wrong gene.
   */
  readonly caseRule: 'fold' | 'exact';
}

export const HUMAN: Species = {
  taxId: 9606,
  scientificName: 'Homo sapiens',
  commonName: 'human',
  fileStem: 'Homo_sapiens',
  caseRule: 'fold',
};
export const MOUSE: Species = {
  taxId: 10090,
  scientificName: 'Mus musculus',
  commonName: 'mouse',
  fileStem: 'Mus_musculus',
  caseRule: 'fold',
};
export const WORM: Species = {
  taxId: 6239,
  scientificName: 'Caenorhabditis elegans',
  commonName: 'worm',
  fileStem: 'Caenorhabditis_elegans',
  caseRule: 'fold',
};
export const FLY: Species = {
  taxId: 7227,
  scientificName: 'Drosophila melanogaster',
  commonName: 'fly',
  fileStem: 'Drosophila_melanogaster',
  caseRule: 'exact',
};

export const SUPPORTED_SPECIES: readonly Species[] = [HUMAN, MOUSE, WORM, FLY];

export type SpeciesInput = string | number | Species;

function normalise(s: string): string {
  return s.trim().toLowerCase().replace(/[_\s]+/g, ' ');
}

/** Accepts "Homo sapiens" / "human" / 9606 / "9606" / "Homo_sapiens" (any case) and the Species object itself. */
export function parseSpecies(input: SpeciesInput): Species {
  if (typeof input === 'object' && input !== null) {
    const known = SUPPORTED_SPECIES.find((s) => s.taxId === input.taxId);
    if (known) return known;
  } else {
    const key = typeof input === 'number' ? String(input) : normalise(input);
    const hit = SUPPORTED_SPECIES.find(
      (s) => key === String(s.taxId) || key === normalise(s.scientificName) || key === s.commonName,
    );
    if (hit) return hit;
  }
  const list = SUPPORTED_SPECIES.map((s) => `"${s.scientificName}" / "${s.commonName}" / ${s.taxId}`).join(', ');
  throw new Error(
    `unknown species ${JSON.stringify(typeof input === 'object' ? input?.taxId : input)}; supported: ${list}. ` +
      'Set the dataset\'s species to one of these (other species have no gene tables in the knowledge folder).',
  );
}
