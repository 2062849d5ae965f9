import type { ResourceHint } from '@scbench/api';

/** A run's time limit when neither `--timeout` nor the method's hint says more: two hours. */
export const DEFAULT_TIMEOUT_S = 7200;

/**
 * A run's own time limit: `--timeout` when given; otherwise the method's `resources.minutes` hint where it is longer
 * than the two-hour default, so that a deep baseline's full schedule (hours on the larger datasets) is not recorded as
 * timed out unless the user asks for a shorter limit.
 */
export function runTimeoutFor(hint: ResourceHint | undefined, timeoutS: number | undefined): number {
  if (timeoutS !== undefined) return timeoutS;
  return Math.max(DEFAULT_TIMEOUT_S, (hint?.minutes ?? 0) * 60);
}
