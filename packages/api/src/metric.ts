export interface MetricDef {
  readonly id: string;
  readonly label: string;
  readonly higherIsBetter: boolean;
  readonly range: readonly [number, number];
  score(truth: Int32Array, pred: Int32Array): number;
}

export function defineMetric(def: MetricDef): MetricDef {
  return def;
}
