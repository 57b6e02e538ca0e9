'use strict';
// `node -r ./dev/tools/register-ts.js script.ts`: runs TypeScript sources without a build, compiled on require by swc
// with the same settings as jest (CommonJS, legacy decorators, decorator metadata). Used by tests that spawn a process.
const fs = require('node:fs');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const options = (filename) => ({
  filename,
  sourceMaps: 'inline',
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
});

process.setSourceMapsEnabled(true);
Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), options(filename));
  module._compile(code, filename);
};
