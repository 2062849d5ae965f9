import type { Csr, Matrix } from '@scbench/api';
import { mapValues } from './subset.ts';

const { log1p: ln1p } = Math; // bound once: global lookups in hot loops are slow under jest's vm context

/** Natural log(1 + x) elementwise, as scanpy's pp.log1p with base=None; zeros stay zero (CSR stays sparse). */
export function log1p(m: Matrix | Csr): Matrix | Csr {
  return mapValues(m, (x) => ln1p(x));
}
