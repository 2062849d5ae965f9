/**
 * Bounded retries with exponential backoff and full jitter, honouring a server's Retry-After. (The original
 * scLLM-DSC code retried forever with no pause.)
 */

export interface RetryPolicy {
  /** Attempts in all, first included (default 6). */
  maxAttempts: number;
  /** First backoff (default 500 ms); attempt k waits up to base·2^k. */
  baseDelayMs: number;
  /** Cap on any single wait, Retry-After included (default 30 s). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Statuses worth retrying: timeouts, rate limits, server errors. */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Milliseconds from `retry-after-ms` or `Retry-After` (seconds or an HTTP date), or null. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | null {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const ra = headers.get('retry-after');
  if (ra == null) return null;
  const s = Number(ra);
  if (ra.trim() !== '' && Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(ra);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The wait before retry number `attempt` (0-based): the server's hint if any, else jittered exponential. */
export function backoffMs(policy: RetryPolicy, attempt: number, hintMs: number | null, random = Math.random): number {
  if (hintMs != null) return Math.min(hintMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** Sleep that ends early (rejecting) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
