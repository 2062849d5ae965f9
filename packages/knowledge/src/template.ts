// Prompt templates are data (templates/*.json), versioned: the version, together with a hash of the template's
// content, is the `templateKey` that downstream caches (gene-embedding cache) must include, so changing a
// template can never silently reuse embeddings of the old text.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KnowledgeError } from './errors.ts';

export const TEMPLATE_FIELDS = [
  'geneId',
  'symbol',
  'fullName',
  'type',
  'organism',
  'aliases',
  'chromosome',
  'mapLocation',
  'primarySource',
  'summary',
  'goProcess',
  'goFunction',
  'goComponent',
  'humanOrtholog',
  'lineage',
  'expression',
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

export interface TemplateFieldSpec {
  readonly field: TemplateField;
  readonly label: string;
  /** List fields (aliases, GO): at most this many items. */
  readonly max?: number;
  /** List fields: joiner between items (default ", "). */
  readonly join?: string;
  /** summary: keep at most this many sentences. */
  readonly maxSentences?: number;
  /** GO fields: GO ids never to print (e.g. GO:0005515 "protein binding", which says almost nothing). */
  readonly excludeTerms?: readonly string[];
  /** Literal [from, to] replacements applied to the value, in order. */
  readonly rewrite?: readonly (readonly [string, string])[];
}

export interface PromptTemplate {
  readonly id: string;
  readonly version: string;
  readonly notes?: string;
  /** "omit": leave a missing field out; "nan": print `Label: nan.` as the original (pandas NaN) did. */
  readonly missing: 'omit' | 'nan';
  readonly separator: string;
  readonly fields: readonly TemplateFieldSpec[];
}

export const BUILTIN_TEMPLATES = { default: 'default-v1.json', paper: 'paper-v1.json' } as const;
export type BuiltinTemplate = keyof typeof BUILTIN_TEMPLATES;

function templatePath(file: string): string {
  return fileURLToPath(new URL(`../templates/${file}`, import.meta.url));
}

/**
 * 'default' | 'paper' (the current built-in version), a built-in version such as 'paper-v1', or a path to a
 * template JSON file.
 */
export function loadTemplate(nameOrPath: string = 'default'): PromptTemplate {
  let source: string;
  if (Object.hasOwn(BUILTIN_TEMPLATES, nameOrPath)) source = templatePath(BUILTIN_TEMPLATES[nameOrPath as BuiltinTemplate]);
  else if (/^[a-z]+-v\d+$/.test(nameOrPath)) source = templatePath(`${nameOrPath}.json`);
  else source = nameOrPath;
  if (!existsSync(source)) {
    throw new KnowledgeError(
      `prompt template ${JSON.stringify(nameOrPath)} not found`,
      source,
      `use one of ${Object.keys(BUILTIN_TEMPLATES).join(', ')}, a built-in version (default-v1, paper-v1), or a path to a template .json file`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(source, 'utf8'));
  } catch (e) {
    throw new KnowledgeError(`prompt template is not valid JSON (${(e as Error).message})`, source, 'fix the JSON syntax', { cause: e });
  }
  return validateTemplate(raw, source);
}

/** Checks a parsed template object; `source` names it in errors. */
export function validateTemplate(raw: unknown, source = '<template>'): PromptTemplate {
  const bad = (what: string): never => {
    throw new KnowledgeError(`invalid prompt template: ${what}`, source, `see packages/knowledge/templates/default-v1.json for the layout; fields are ${TEMPLATE_FIELDS.join(', ')}`);
  };
  if (typeof raw !== 'object' || raw === null) return bad('not a JSON object');
  const t = raw as Record<string, unknown>;
  if (typeof t.id !== 'string' || t.id === '') bad('"id" must be a non-empty string');
  if (typeof t.version !== 'string' || t.version === '') bad('"version" must be a non-empty string (it becomes part of cache keys)');
  if (t.missing !== 'omit' && t.missing !== 'nan') bad('"missing" must be "omit" or "nan"');
  if (typeof t.separator !== 'string') bad('"separator" must be a string');
  if (!Array.isArray(t.fields) || t.fields.length === 0) bad('"fields" must be a non-empty array');
  (t.fields as unknown[]).forEach((f, i) => {
    const at = `fields[${i}]`;
    if (typeof f !== 'object' || f === null) return bad(`${at} is not an object`);
    const s = f as Record<string, unknown>;
    if (!TEMPLATE_FIELDS.includes(s.field as TemplateField)) bad(`${at}.field ${JSON.stringify(s.field)} is not one of ${TEMPLATE_FIELDS.join(', ')}`);
    if (typeof s.label !== 'string' || s.label === '') bad(`${at}.label must be a non-empty string`);
    for (const k of ['max', 'maxSentences'] as const) {
      if (s[k] !== undefined && !(Number.isInteger(s[k]) && (s[k] as number) > 0)) bad(`${at}.${k} must be a positive integer`);
    }
    if (s.join !== undefined && typeof s.join !== 'string') bad(`${at}.join must be a string`);
    if (s.excludeTerms !== undefined && !(Array.isArray(s.excludeTerms) && s.excludeTerms.every((x) => typeof x === 'string' && /^GO:\d{7}$/.test(x)))) {
      bad(`${at}.excludeTerms must be a list of GO ids like "GO:0005515"`);
    }
    if (s.rewrite !== undefined && !(Array.isArray(s.rewrite) && s.rewrite.every((r) => Array.isArray(r) && r.length === 2 && r.every((x) => typeof x === 'string')))) {
      bad(`${at}.rewrite must be a list of [from, to] string pairs`);
    }
  });
  return raw as PromptTemplate;
}

/**
 * `<version>#<12 hex of sha256 over the template's content>`: the version says which template was meant,
 * the hash catches an edit that forgot to bump the version.
 */
export function templateKey(t: PromptTemplate): string {
  const content = JSON.stringify({ id: t.id, version: t.version, missing: t.missing, separator: t.separator, fields: t.fields });
  return `${t.version}#${createHash('sha256').update(content).digest('hex').slice(0, 12)}`;
}
