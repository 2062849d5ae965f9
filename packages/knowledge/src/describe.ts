// One text per gene, from its facts and a template: "Label: value." segments in template order.
import { geneFacts, type GeneFacts } from './gene-facts.ts';
import { topGoTerms } from './go-rank.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import type { GeneRef } from './resolve.ts';
import type { PromptTemplate, TemplateFieldSpec } from './template.ts';

/** First `n` sentences. A sentence ends at ". " before an upper-case letter or digit, so "e.g. the" does not split. */
export function firstSentences(text: string, n: number): string {
  const parts = text.split(/(?<=[.!?])\s+(?=[A-Z0-9[(])/);
  return parts.slice(0, n).join(' ').trim();
}

function listValue(items: readonly string[], spec: TemplateFieldSpec): string | null {
  const kept = spec.max === undefined ? items : items.slice(0, spec.max);
  return kept.length === 0 ? null : kept.join(spec.join ?? ', ');
}

function rawValue(f: GeneFacts, spec: TemplateFieldSpec): string | null {
  switch (spec.field) {
    case 'geneId':
      return String(f.geneId);
    case 'symbol':
      return f.symbol;
    case 'fullName':
      return f.fullName;
    case 'type':
      return f.type;
    case 'organism':
      return f.organism;
    case 'aliases':
      return listValue(f.aliases, spec);
    case 'chromosome':
      return f.chromosome?.split('|').join(' or ') ?? null;
    case 'mapLocation':
      // The bundled human table keeps org.Hs.eg.db's alternative bands '|'-separated; NCBI writes one string.
      return f.mapLocation?.split('|').join(' or ') ?? null;
    case 'primarySource':
      return f.primarySource;
    case 'summary':
      return f.summary === null ? null : spec.maxSentences ? firstSentences(f.summary, spec.maxSentences) : f.summary;
    case 'goProcess':
    case 'goFunction':
    case 'goComponent': {
      const category = spec.field === 'goProcess' ? 'Process' : spec.field === 'goFunction' ? 'Function' : 'Component';
      return listValue(
        topGoTerms(f.go, category, spec.max ?? Infinity, new Set(spec.excludeTerms)).map((t) => t.term),
        spec,
      );
    }
    case 'humanOrtholog':
      return f.humanOrtholog?.symbol ?? null;
    case 'lineage':
      return f.lineage;
    case 'expression':
      return f.expression;
  }
}

/** Formats already-assembled facts (use `describeGene` unless you have facts at hand). */
export function formatFacts(facts: GeneFacts, template: PromptTemplate): string {
  const out: string[] = [];
  for (const spec of template.fields) {
    let v = rawValue(facts, spec);
    if (v !== null) for (const [from, to] of spec.rewrite ?? []) v = v.replaceAll(from, to);
    if (v === null || v === '') {
      // The original printed pandas NaN as "nan" for empty cells.
      if (template.missing === 'nan') out.push(`${spec.label}: nan.`);
      continue;
    }
    // Summaries already end with a full stop; do not print "..".
    out.push(`${spec.label}: ${v}${/[.!?]$/.test(v) ? '' : '.'}`);
  }
  return out.join(template.separator);
}

/** The description text of one resolved gene under `template`. */
export function describeGene(ref: GeneRef, kb: KnowledgeBase, template: PromptTemplate): string {
  return formatFacts(geneFacts(ref, kb), template);
}
