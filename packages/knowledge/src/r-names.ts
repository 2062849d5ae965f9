// Gene names that went through R's make.names / make.unique (the dataset was once a data.frame):
//   "0610009B22Rik" → "X0610009B22Rik"   (a leading digit gets an "X")
//   "H2-Aa"         → "H2.Aa"            (every character not allowed in an R name becomes ".")
//   "CD4" twice     → "CD4", "CD4.1"     (make.unique suffixes duplicates)
// The repairs are only tried after the name failed as given, so a real symbol containing "." is never rewritten.

/** Spike-in controls (ERCC-00002, ERCC.00002 after make.names). Never genes; counted apart from "unknown". */
export function isSpikeIn(name: string): boolean {
  return /^ERCC[-._]\d+$/i.test(name);
}

/** Plausible originals of an R-mangled name, most specific repair first; [] when nothing looks mangled. */
export function repairRName(name: string): string[] {
  const out: string[] = [];
  const push = (s: string): void => {
    if (s !== name && s !== '' && !out.includes(s)) out.push(s);
  };
  const noX = /^X\d/.test(name) ? name.slice(1) : name;
  push(noX);
  if (noX.includes('.')) {
    push(noX.replaceAll('.', '-'));
    const base = noX.replace(/\.\d+$/, ''); // make.unique suffix
    push(base);
    push(base.replaceAll('.', '-'));
  }
  return out;
}
