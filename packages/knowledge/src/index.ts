// @scbench/knowledge: NCBI gene knowledge, offline. Readers for NCBI's file layouts, per-species name resolution,
// and versioned prompt templates for gene descriptions (the scLLM-DSC "semantic view" input).
export { KnowledgeError } from './errors.ts';
export { parseSpecies, SUPPORTED_SPECIES, HUMAN, MOUSE, WORM, FLY, type Species, type SpeciesInput, type TaxId } from './species.ts';
export { readTsv, type TsvSpec, type TsvHeader, type RowHandler } from './tsv.ts';
export { readGeneInfo, ensemblIds, stripVersion, GENE_INFO_COLUMNS, type GeneRecord, type GeneTable } from './gene-info.ts';
export { readGene2Go, GENE2GO_COLUMNS, type GoAnnotation, type GoCategory } from './gene2go.ts';
export { readOrthologs, rankOrthologs, ORTHOLOG_COLUMNS, SUPPORT_COLUMNS, HUMAN_TAX, type OrthologLink } from './orthologs.ts';
export { readSummaries, SUMMARY_COLUMNS, type GeneSummary } from './summaries.ts';
export { knowledgeRoot, defaultKnowledgeRoot, embeddedKnowledgeRoot, findTable, requireTable, candidateNames, KNOWLEDGE_ENV, type TableRole } from './files.ts';
export {
  loadKnowledge,
  clearKnowledgeCache,
  humanOrtholog,
  type KnowledgeBase,
  type LoadKnowledgeOptions,
  type LoadedTable,
} from './knowledge-base.ts';
export { buildSymbolIndex, upper, type SymbolIndex } from './symbol-index.ts';
export { isSpikeIn, repairRName } from './r-names.ts';
export {
  resolveGenes,
  type GeneRef,
  type Coverage,
  type Resolution,
  type ResolveOptions,
  type ResolvedVia,
  type NameStatus,
} from './resolve.ts';
export { topGoTerms, evidenceTier, type RankedTerm } from './go-rank.ts';
export { geneFacts, type GeneFacts, type BorrowableFact } from './gene-facts.ts';
export {
  loadTemplate,
  validateTemplate,
  templateKey,
  BUILTIN_TEMPLATES,
  TEMPLATE_FIELDS,
  type PromptTemplate,
  type TemplateFieldSpec,
  type TemplateField,
  type BuiltinTemplate,
} from './template.ts';
export { describeGene, formatFacts, firstSentences } from './describe.ts';
