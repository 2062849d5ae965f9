import { beforeAll, describe, expect, it } from '@jest/globals';
import { describeGene, firstSentences } from './describe.ts';
import { geneFacts } from './gene-facts.ts';
import { loadKnowledge, type KnowledgeBase } from './knowledge-base.ts';
import { resolveGenes } from './resolve.ts';
import { loadTemplate } from './template.ts';
import { writeMiniKnowledge } from './testing.ts';

let human: KnowledgeBase;
let mouse: KnowledgeBase;
beforeAll(async () => {
  const root = writeMiniKnowledge();
  human = await loadKnowledge({ species: 'human', root });
  mouse = await loadKnowledge({ species: 'mouse', root });
});
const ref = (kb: KnowledgeBase, name: string) => resolveGenes([name], kb.species, kb).resolved[0]!;

describe('describeGene: default template', () => {
  it('human CD4: identity, summary (2 sentences), GO by evidence, then aliases and location', () => {
    const text = describeGene(ref(human, 'CD4'), human, loadTemplate('default'));
    expect(text).toBe(
      'Gene: CD4. Full name: CD4 molecule. Type: protein coding. Organism: Homo sapiens. ' +
        'Summary: This gene encodes the CD4 membrane glycoprotein of T lymphocytes. It is a coreceptor. ' +
        'Biological processes: T cell differentiation; cell adhesion; T cell activation. ' +
        'Molecular functions: MHC class II protein binding. ' +
        'Also known as: OKT4D. Map location: 12p13.31.',
    );
  });

  it('leaves missing fields out and joins alternative map locations', () => {
    const text = describeGene(ref(human, 'CCC'), human, loadTemplate('default'));
    expect(text).toBe('Gene: CCC. Full name: gamma RNA. Type: ncRNA. Organism: Homo sapiens. Also known as: SHARED, Cx. Map location: 3p21 or 3p22.');
  });

  it('mouse Cd4 borrows full name, type, summary and GO from its best human ortholog, and says so', () => {
    const r = ref(mouse, 'Cd4');
    const facts = geneFacts(r, mouse);
    expect([...facts.borrowed].sort()).toEqual(['fullName', 'go', 'summary', 'type']);
    const text = describeGene(r, mouse, loadTemplate('default'));
    expect(text).toMatch(/^Gene: Cd4\. Full name: CD4 molecule\. Type: protein coding\. Organism: Mus musculus\. Human ortholog: CD4\. Summary: This gene encodes the CD4/);
    expect(text).toContain('Biological processes: T cell differentiation');
    // species-specific facts are never borrowed
    expect(text).not.toContain('12p13.31');
    expect(text).not.toContain('OKT4D');
  });

  it("a mouse gene's own summary wins over the ortholog's", () => {
    const text = describeGene(ref(mouse, '0610009B22Rik'), mouse, loadTemplate('default'));
    expect(text).toContain('Summary: Mouse-specific summary of 0610009B22Rik.');
    expect(text).toContain('Human ortholog: AAA.');
    expect(text).toContain('Full name: alpha protein.');
  });
});

describe('describeGene: paper template', () => {
  it('reproduces the original field order, Organism twice, nan for missing, " coding"', () => {
    const text = describeGene(ref(human, 'CD4'), human, loadTemplate('paper'));
    expect(text).toBe(
      'Gene ID: 920. Gene Name: CD4. Gene Full Name: CD4 molecule. Gene Type: protein coding. ' +
        'Organism: Homo sapiens. Organism: Homo sapiens. Also Known As: OKT4D. Lineage: nan. Expression: nan. ' +
        'Primary Source: nan. Map Location: 12p13.31.',
    );
  });

  it('fills Primary Source from an HGNC dbXref, and has no summary or GO', () => {
    const text = describeGene(ref(human, 'CCC'), human, loadTemplate('paper'));
    expect(text).toContain('Primary Source: HGNC:HGNC:3.');
    expect(text).not.toMatch(/Summary|process/);
  });

  it('mouse genes print nan for the fields the partial tables lack', () => {
    const text = describeGene(ref(mouse, 'Cd4'), mouse, loadTemplate('paper'));
    expect(text).toBe(
      'Gene ID: 12504. Gene Name: Cd4. Gene Full Name: CD4 molecule. Gene Type: protein coding. ' +
        'Organism: Mus musculus. Organism: Mus musculus. Also Known As: nan. Lineage: nan. Expression: nan. ' +
        'Primary Source: nan. Map Location: nan.',
    );
  });
});

describe('firstSentences', () => {
  it('splits at sentence ends, not at abbreviations', () => {
    expect(firstSentences('One e.g. two. Three. Four.', 2)).toBe('One e.g. two. Three.');
    expect(firstSentences('Only one', 3)).toBe('Only one');
  });
});
