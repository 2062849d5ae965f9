import { describe, expect, it } from '@jest/globals';
import { DEFAULT_TIMEOUT_S, runTimeoutFor } from './run-timeout.ts';

describe('runTimeoutFor', () => {
  it('takes --timeout when given, shorter or longer than the hint', () => {
    expect(runTimeoutFor({ minutes: 600 }, 60)).toBe(60);
    expect(runTimeoutFor({ minutes: 10 }, 90000)).toBe(90000);
  });
  it('otherwise the hint where it is longer than the default, else the default', () => {
    expect(runTimeoutFor({ minutes: 2880 }, undefined)).toBe(2880 * 60);
    expect(runTimeoutFor({ minutes: 30 }, undefined)).toBe(DEFAULT_TIMEOUT_S);
    expect(runTimeoutFor(undefined, undefined)).toBe(DEFAULT_TIMEOUT_S);
  });
});
