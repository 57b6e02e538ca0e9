#!/usr/bin/env node
// Compiles TypeScript to dist/ and copies the non-TS assets modules read at run time (GraphQL SDL).
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const dist = path.join(root, 'dist');
const assetPattern = /\.(graphqls|graphql)$/;

fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });

let copied = 0;
function copyAssets(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'test') continue;
      copyAssets(full);
    } else if (assetPattern.test(entry.name)) {
      const target = path.join(dist, path.relative(root, full));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(full, target);
      copied++;
    }
  }
}
for (const top of ['app', 'modules']) if (fs.existsSync(path.join(root, top))) copyAssets(path.join(root, top));
process.stdout.write(`Built dist/ (${copied} schema file(s) copied)\n`);
