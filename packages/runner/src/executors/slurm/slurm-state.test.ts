import { describe, expect, it } from '@jest/globals';
import { expandTaskIds, failureOf, parseSacct, parseScontrol, stateAtSignal } from './slurm-state.ts';

// Lines as Slurm 22.05 prints them (shortened to the fields read), from the one-node test cluster.
const SCONTROL = [
  'JobId=14 ArrayJobId=12 ArrayTaskId=2-3 ArrayTaskThrottle=1 JobName=scbench UserId=root(0) JobState=CANCELLED Reason=None Dependency=(null) ExitCode=0:0 NodeList=(null)',
  'JobId=13 ArrayJobId=12 ArrayTaskId=1 JobName=scbench JobState=TIMEOUT Reason=TimeLimit Dependency=(null) ExitCode=0:15 NodeList=localhost',
  'JobId=12 ArrayJobId=12 ArrayTaskId=0 JobName=scbench JobState=COMPLETED Reason=None Dependency=(null) ExitCode=0:0 NodeList=localhost',
].join('\n');

describe('Slurm task states', () => {
  it('expands array task ranges', () => {
    expect(expandTaskIds('0-3%2')).toEqual([0, 1, 2, 3]);
    expect(expandTaskIds('1,4-5')).toEqual([1, 4, 5]);
    expect(expandTaskIds('0-6:3')).toEqual([0, 3, 6]);
  });
  it('reads scontrol show job -o, one state per task', () => {
    const s = parseScontrol(SCONTROL);
    expect(s.map((t) => [t.taskId, t.state, t.exitCode])).toEqual([[2, 'CANCELLED', '0:0'], [3, 'CANCELLED', '0:0'], [1, 'TIMEOUT', '0:15'], [0, 'COMPLETED', '0:0']]);
  });
  it('reads sacct -P, including a range of tasks never started', () => {
    const s = parseSacct('12_0|COMPLETED|0:0|None|n1\n12_1|OUT_OF_MEMORY|0:125|None|n2\n12_[2-3]|CANCELLED by 1000|0:0|None|None assigned\n');
    expect(s.map((t) => [t.taskId, t.state])).toEqual([[0, 'COMPLETED'], [1, 'OUT_OF_MEMORY'], [2, 'CANCELLED'], [3, 'CANCELLED']]);
  });
  it('makes a timeout of a time limit and a failure of a kill, naming state, exit code and node', () => {
    const [, , timeout] = parseScontrol(SCONTROL);
    expect(failureOf(timeout, '/o/log')).toEqual({ status: 'timeout', error: 'Slurm task 12_1 hit its Slurm time limit (--time): state TIMEOUT, exit code 0:15, reason TimeLimit on localhost; log /o/log' });
    const oom = { arrayJobId: '7', taskId: 3, state: 'OUT_OF_MEMORY', reason: 'None', exitCode: '0:125', node: 'n2' };
    expect(failureOf(oom, 'l')).toMatchObject({ status: 'failed', error: expect.stringMatching(/memory \(--mem\): state OUT_OF_MEMORY, exit code 0:125 on n2/) });
    for (const state of ['CANCELLED', 'NODE_FAIL', 'PREEMPTED', 'FAILED', 'COMPLETED']) {
      expect(failureOf({ ...oom, state }, 'l')?.status).toBe('failed');
    }
  });
  it('says nothing of a task that is still queued or running', () => {
    expect(failureOf({ arrayJobId: '7', taskId: 0, state: 'RUNNING', reason: 'None', exitCode: '0:0', node: 'n1' }, 'l')).toBeNull();
    expect(failureOf({ arrayJobId: '7', taskId: 0, state: 'PENDING', reason: 'JobArrayTaskLimit', exitCode: '0:0', node: '' }, 'l')).toBeNull();
  });
  it('tells at the signal a time limit from a cancel, by Reason or by slurmstepd\'s line in the task log', () => {
    // What scontrol and the log showed inside a task at SIGTERM on the test cluster (Slurm 22.05).
    expect(stateAtSignal('JobId=13 JobState=COMPLETING Reason=TimeLimit ExitCode=0:0', '')).toBe('TIMEOUT');
    expect(stateAtSignal('JobId=12 JobState=COMPLETING Reason=None ExitCode=0:0', 'slurmstepd-localhost: error: *** JOB 12 ON localhost CANCELLED AT 2026-12-06T07:45:59 ***\n')).toBe('CANCELLED');
    expect(stateAtSignal('', '*** JOB 13 ON localhost CANCELLED AT 2026-12-06T07:47:22 DUE TO TIME LIMIT ***')).toBe('TIMEOUT');
    expect(stateAtSignal('', '*** JOB 14 ON n1 CANCELLED AT 2026-12-06T07:47:22 DUE TO PREEMPTION ***')).toBe('PREEMPTED');
    expect(stateAtSignal('JobId=15 JobState=OUT_OF_MEMORY Reason=OutOfMemory', '')).toBe('OUT_OF_MEMORY');
    expect(stateAtSignal('JobId=16 JobState=COMPLETING Reason=None', 'no such line')).toBeNull();
  });
});
