// Dataset genes → one description text per gene (null where the knowledge base has none), with coverage.
// Kept behind a small interface so the semantic view can be tested without the 100 MB of NCBI tables, and so a
// different knowledge source (another template, a real NCBI download) is one argument away.
import type { Dataset } from '@scbench/api';
import {
  describeGene,
  geneFacts,
  loadKnowledge,
  loadTemplate,
  parseSpecies,
  resolveGenes,
  templateKey,
  type Coverage,
  type NameStatus,
} from '@scbench/knowledge';
import { SemanticViewError } from './errors.ts';

export interface GeneDescriptions {
  /** Description per dataset gene (column), null for unknown, ambiguous and spike-in names. */
  readonly texts: readonly (string | null)[];
  /** The name to print for each gene in sentences: the official symbol when resolved, else the dataset's name. */
  readonly symbols: readonly string[];
  readonly status: readonly NameStatus[];
  readonly coverage: Coverage;
  readonly unknownExamples: readonly string[];
  /**
   * The distinct GO ids of each gene (borrowed from the human ortholog as the description's GO terms are), null for
   * unresolved genes; for the GO gene-knowledge encoders (knowledge-encoder.ts). Absent from describers without GO.
   */
  readonly go?: readonly (readonly string[] | null)[];
  /** Identifies knowledge + template in cache keys and records, e.g. 'human/default-v1#ab12…'. */
  readonly source: string;
}

export interface GeneDescriber {
  describe(dataset: Dataset & { readonly genes: readonly string[] }): Promise<GeneDescriptions>;
}

export interface KnowledgeDescriberOptions {
  /** 'default', 'paper', or a path to a template .json (see @scbench/knowledge). */
  readonly template?: string;
  /** Knowledge folder (default $SCBENCH_KNOWLEDGE, else <repo>/../shared/knowledge). */
  readonly root?: string;
}

/** The dataset's species as the knowledge package names it, or a SemanticViewError saying why not. */
export function datasetSpecies(dataset: Dataset): string | number {
  const given = dataset.species ?? dataset.taxonId;
  if (given === undefined || given === '') {
    throw new SemanticViewError(dataset.id, 'no species', 'the dataset records no species or taxon id, so its gene names cannot be looked up',
      'give the dataset a species (registry entry or file attribute), one of human, mouse, worm, fly');
  }
  try {
    return parseSpecies(given).scientificName;
  } catch (e) {
    throw new SemanticViewError(dataset.id, 'unsupported species', (e as Error).message,
      'the knowledge folder has gene tables for human, mouse, worm and fly only');
  }
}

/** Descriptions from the bundled (or a given) NCBI knowledge folder via @scbench/knowledge. */
export function knowledgeDescriber(options: KnowledgeDescriberOptions = {}): GeneDescriber {
  const template = loadTemplate(options.template ?? 'default');
  return {
    async describe(dataset) {
      const species = datasetSpecies(dataset);
      const kb = await loadKnowledge({ species, ...(options.root ? { root: options.root } : {}) });
      // Mixology stores an Ensembl id per column beside the symbol; it rescues names that do not resolve.
      const res = resolveGenes(dataset.genes, species, kb, dataset.geneIds ? { ids: dataset.geneIds } : {});
      const texts = res.resolved.map((ref) => (ref ? describeGene(ref, kb, template) : null));
      const symbols = res.resolved.map((ref, j) => ref?.gene.symbol ?? dataset.genes[j]);
      const go = res.resolved.map((ref) => (ref ? [...new Set(geneFacts(ref, kb).go.map((a) => a.goId))] : null));
      return {
        texts,
        go,
        symbols,
        status: res.status,
        coverage: res.coverage,
        unknownExamples: res.unknownExamples,
        source: `${kb.species.commonName}/${templateKey(template)}`,
      };
    },
  };
}
