/** Hidden-layer sizes as a flat parameter ("500,500,2000"), so `--set dec.hidden=256,64` and records can carry them. */
export function isLayerSizes(text: string): boolean {
  return /^\s*[1-9]\d*\s*(,\s*[1-9]\d*\s*)*$/.test(text);
}

export function layerSizes(text: string): number[] {
  if (!isLayerSizes(text)) throw new Error(`layer sizes must be comma-separated positive integers (e.g. '256,64'), got '${text}'`);
  return text.split(',').map((s) => Number(s.trim()));
}
