#!/usr/bin/env node
import 'reflect-metadata';
import { runCli } from './program';

runCli(process.argv.slice(2)).then(
  (code) => {
    // Servers and consumers keep the loop alive themselves; everything else is done.
    if (code !== 0) process.exit(code);
    process.exitCode = 0;
  },
  (err) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  },
);
