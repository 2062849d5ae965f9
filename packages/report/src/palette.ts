/**
 * Categorical colours, distinguishable side by side (Tableau 10 then its light variants and a few extras, 20 in
 * all). Past 20 they repeat: a picture with more types than that says so in its legend.
 */
export const PALETTE: readonly string[] = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
  '#1f3b73', '#a0cbe8', '#ffbe7d', '#8cd17d', '#86bcb6', '#f1ce63', '#d4a6c8', '#b6992d', '#d37295', '#499894',
];

export function colour(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

/** Grey for what matches nothing (a cluster no type was matched to). */
export const UNMATCHED = '#9a9a9a';
