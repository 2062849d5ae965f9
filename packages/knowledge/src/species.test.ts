import { describe, expect, it } from '@jest/globals';
import { FLY, HUMAN, MOUSE, parseSpecies, WORM } from './species.ts';

describe('parseSpecies', () => {
  it('accepts scientific names, common names, tax ids and file stems', () => {
    expect(parseSpecies('Homo sapiens')).toBe(HUMAN);
    expect(parseSpecies('human')).toBe(HUMAN);
    expect(parseSpecies(9606)).toBe(HUMAN);
    expect(parseSpecies('10090')).toBe(MOUSE);
    expect(parseSpecies('mus_musculus')).toBe(MOUSE);
    expect(parseSpecies(' Caenorhabditis  elegans ')).toBe(WORM);
    expect(parseSpecies('fly')).toBe(FLY);
    expect(parseSpecies({ ...FLY })).toBe(FLY);
  });

  it('an unknown species lists the supported ones', () => {
    expect(() => parseSpecies('Danio rerio')).toThrow(/unknown species "Danio rerio"; supported: "Homo sapiens" \/ "human" \/ 9606, "Mus musculus"/);
    expect(() => parseSpecies(7955)).toThrow(/unknown species 7955/);
  });
});
