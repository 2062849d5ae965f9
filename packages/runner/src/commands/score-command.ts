import { readFileSync } from 'node:fs';
import { scoreAll } from '@scbench/metrics';
import { EXIT, UserError } from '../exit-codes.ts';

/** One label per line, integers or strings; blank trailing lines ignored, a blank line inside refused. */
function readLabels(file: string, what: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`--${what} ${file}: cannot read the file; give a text file with one label per line`, EXIT.badInput);
  }
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) throw new UserError(`--${what} ${file}: the file has no labels`, EXIT.badInput);
  const blank = lines.findIndex((l) => l.trim() === '');
  if (blank >= 0) {
    throw new UserError(`--${what} ${file}:${blank + 1} is blank; every cell needs a label (one per line, in cell order): fill in or delete that line`, EXIT.badInput);
  }
  return lines.map((l) => l.trim());
}

function encode(labels: string[]): Int32Array {
  const codes = new Map<string, number>();
  return Int32Array.from(labels, (l) => {
    let c = codes.get(l);
    if (c === undefined) codes.set(l, (c = codes.size));
    return c;
  });
}

export function scoreCommand(truthFile: string, predFile: string): string {
  const truth = readLabels(truthFile, 'truth');
  const pred = readLabels(predFile, 'pred');
  if (truth.length !== pred.length) {
    throw new UserError(`--truth has ${truth.length} labels but --pred has ${pred.length}; both files need one line per cell, in the same order`, EXIT.badInput);
  }
  return JSON.stringify(scoreAll(encode(truth), encode(pred)));
}
