import { describe, expect, it } from '@jest/globals';
import { groupArrays, parseSlurmTime, runTimeoutS, taskResources } from './resources.ts';
import { arrayScript, collectorScript, shellWord } from './sbatch-script.ts';

describe('array and collector scripts', () => {
  const common = { name: 'scbench-x-0', chdir: '/home/me/grid', partition: 'cpu', extra: ['--account=lab', '--qos=long'] };
  it('asks for one array with the run count, the concurrency limit and the resources in #SBATCH lines', () => {
    const s = arrayScript({ ...common, count: 8, limit: 3, resources: { mem: '8G', cpus: 4, minutes: 245 }, logPattern: '/o/logs/array0-%A_%a.out', command: ['/usr/bin/node', '--import', 'file:///t/loader.mjs', '/r/task-main.ts', '/o/plan.json', '0'] });
    expect(s.split('\n')).toEqual([
      '#!/bin/bash',
      '#SBATCH --job-name=scbench-x-0',
      '#SBATCH --chdir=/home/me/grid',
      '#SBATCH --partition=cpu',
      '#SBATCH --array=0-7%3',
      '#SBATCH --output=/o/logs/array0-%A_%a.out',
      '#SBATCH --time=245',
      '#SBATCH --mem=8G',
      '#SBATCH --cpus-per-task=4',
      '#SBATCH --account=lab',
      '#SBATCH --qos=long',
      '# Written by scbench run --executor slurm.',
      'exec /usr/bin/node --import file:///t/loader.mjs /r/task-main.ts /o/plan.json 0',
      '',
    ]);
  });
  it('leaves out what was not asked for, so the partition defaults apply', () => {
    const s = arrayScript({ ...common, partition: undefined, extra: [], count: 1, resources: { minutes: 10 }, logPattern: '/o/%A_%a.out', command: ['x'] });
    expect(s).toContain('#SBATCH --array=0-0\n');
    expect(s).not.toMatch(/--mem|--cpus-per-task|--partition/);
  });
  it('makes the collector wait for every array, however its tasks ended', () => {
    const s = collectorScript({ ...common, after: ['101', '102'], minutes: 60, mem: '4G', log: '/o/logs/collect-%j.out', command: ['node', 'collect-main.ts', '/o/plan.json'] });
    expect(s).toContain('#SBATCH --dependency=afterany:101:102\n');
    expect(s).toContain('#SBATCH --output=/o/logs/collect-%j.out\n');
    expect(s.trimEnd().split('\n').at(-1)).toBe('exec node collect-main.ts /o/plan.json');
  });
  it('quotes what the shell would split or expand', () => {
    expect(shellWord('/a b/it\'s')).toBe(`'/a b/it'\\''s'`);
    expect(shellWord('synthetic:cells=200,groups=3')).toBe('synthetic:cells=200,groups=3');
    expect(shellWord('$HOME')).toBe(`'$HOME'`);
  });
});

describe('resources', () => {
  it('reads Slurm time formats in minutes, rounding seconds up', () => {
    expect(parseSlurmTime('90')).toBe(90);
    expect(parseSlurmTime('1:30')).toBe(2);
    expect(parseSlurmTime('02:00:00')).toBe(120);
    expect(parseSlurmTime('1-00')).toBe(1440);
    expect(parseSlurmTime('1-02:30:00')).toBe(1590);
    expect(() => parseSlurmTime('2h')).toThrow(/--time 2h/);
  });
  it('takes a flag over the method hint over the default, and a time from --timeout', () => {
    const hint = { memGb: 8, cpus: 4, minutes: 240 };
    expect(taskResources(hint, {}, 7200)).toEqual({ mem: '8G', cpus: 4, minutes: 240 });
    expect(taskResources(hint, { mem: '16G', minutes: 30 }, 7200)).toEqual({ mem: '16G', cpus: 4, minutes: 30 });
    expect(taskResources(undefined, {}, 600)).toEqual({ mem: undefined, cpus: undefined, minutes: 15 });
    expect(taskResources(undefined, {}, undefined)).toEqual({ mem: undefined, cpus: undefined, minutes: 125 }); // no --timeout: 2 h
  });
  it('ends a run by its own timeout before Slurm would kill it', () => {
    expect(runTimeoutS(7200, 240)).toBe(7200);
    expect(runTimeoutS(7200, 60)).toBe(3480);
    expect(runTimeoutS(7200, 1)).toBe(54);
    expect(runTimeoutS(null, 2880)).toBe(2880 * 60 - 120); // no --timeout: the task's own limit, a little before Slurm's
  });
  it('submits one array per distinct request, none larger than MaxArraySize', () => {
    const small = { mem: '4G', cpus: 1, minutes: 60 };
    const big = { mem: '8G', cpus: 4, minutes: 240 };
    const groups = groupArrays([small, big, small, big, small], 2);
    expect(groups.map((g) => [g.resources.mem, g.runs])).toEqual([['4G', [0, 2]], ['4G', [4]], ['8G', [1, 3]]]);
  });
});
