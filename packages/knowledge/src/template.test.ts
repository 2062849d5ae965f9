import { describe, expect, it } from '@jest/globals';
import { loadTemplate, templateKey, validateTemplate } from './template.ts';
import { writeTemp } from './testing.ts';

describe('loadTemplate', () => {
  it('loads the built-in templates by name and by version', () => {
    const d = loadTemplate();
    expect(d).toMatchObject({ id: 'default', version: 'default-v1', missing: 'omit' });
    expect(loadTemplate('paper')).toEqual(loadTemplate('paper-v1'));
  });

  it('the paper template keeps the original field order, Organism twice, and nan for missing fields', () => {
    const p = loadTemplate('paper');
    expect(p.missing).toBe('nan');
    expect(p.fields.map((f) => f.label)).toEqual([
      'Gene ID',
      'Gene Name',
      'Gene Full Name',
      'Gene Type',
      'Organism',
      'Organism',
      'Also Known As',
      'Lineage',
      'Expression',
      'Primary Source',
      'Map Location',
    ]);
  });

  it('the default template puts identity and function before aliases and location', () => {
    const fields = loadTemplate('default').fields.map((f) => f.field);
    expect(fields.indexOf('summary')).toBeLessThan(fields.indexOf('aliases'));
    expect(fields.indexOf('goProcess')).toBeLessThan(fields.indexOf('mapLocation'));
    expect(fields.slice(0, 2)).toEqual(['symbol', 'fullName']);
  });

  it('loads a template from a path and reports unknown names and bad JSON', () => {
    const p = writeTemp('t.json', JSON.stringify({ id: 'x', version: 'x-v1', missing: 'omit', separator: ' ', fields: [{ field: 'symbol', label: 'Gene' }] }));
    expect(loadTemplate(p).version).toBe('x-v1');
    expect(() => loadTemplate('fancy')).toThrow(/prompt template "fancy" not found[^]*use one of default, paper/);
    expect(() => loadTemplate(writeTemp('t.json', '{ nope'))).toThrow(/not valid JSON/);
  });
});

describe('validateTemplate', () => {
  const ok = { id: 'x', version: 'x-v1', missing: 'omit', separator: ' ', fields: [{ field: 'symbol', label: 'Gene' }] };
  it('names the offending entry', () => {
    expect(() => validateTemplate({ ...ok, version: '' })).toThrow(/"version" must be a non-empty string/);
    expect(() => validateTemplate({ ...ok, missing: 'skip' })).toThrow(/"missing" must be "omit" or "nan"/);
    expect(() => validateTemplate({ ...ok, fields: [{ field: 'sumary', label: 'S' }] })).toThrow(/fields\[0\].field "sumary" is not one of geneId, symbol/);
    expect(() => validateTemplate({ ...ok, fields: [{ field: 'goProcess', label: 'GO', max: 0 }] })).toThrow(/fields\[0\].max must be a positive integer/);
    expect(() => validateTemplate({ ...ok, fields: [{ field: 'goProcess', label: 'GO', excludeTerms: ['5515'] }] })).toThrow(/excludeTerms must be a list of GO ids/);
    expect(() => validateTemplate({ ...ok, fields: [{ field: 'type', label: 'T', rewrite: [['a']] }] })).toThrow(/rewrite must be a list of \[from, to\]/);
  });
});

describe('templateKey', () => {
  it('is the version plus a content hash, so an edit without a version bump still changes the key', () => {
    const d = loadTemplate('default');
    expect(templateKey(d)).toMatch(/^default-v1#[0-9a-f]{12}$/);
    expect(templateKey(d)).toBe(templateKey(loadTemplate('default')));
    const edited = { ...d, fields: d.fields.slice(1) };
    expect(templateKey(edited)).not.toBe(templateKey(d));
    expect(templateKey(edited).startsWith('default-v1#')).toBe(true);
    expect(templateKey(loadTemplate('paper'))).not.toBe(templateKey(d));
  });
});
