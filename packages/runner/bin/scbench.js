#!/usr/bin/env node
// The scbench CLI. Sources are TypeScript run through tsx: no build step between a checkout and a run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
