import { describe, expect, it } from '@jest/globals';
import { threadsPerRun } from './run-command.ts';

describe('threadsPerRun', () => {
  it('shares the cores out among concurrent runs, at least one each', () => {
    expect(threadsPerRun(2, 16, undefined)).toBe('8');
    expect(threadsPerRun(3, 2, undefined)).toBe('1');
  });
  it('leaves one run, or a user setting of SCBENCH_THREADS, alone', () => {
    expect(threadsPerRun(1, 16, undefined)).toBeUndefined();
    expect(threadsPerRun(4, 16, '2')).toBeUndefined();
  });
});
