// Jest runs the TypeScript sources through swc; ESM-only packages (jose, inversify) are transformed too.
const esmOnly = ['jose', 'inversify', '@inversifyjs', 'otplib', '@otplib', '@scure', '@noble'];
const swc = (ts) => ['@swc/jest', {
  jsc: {
    parser: ts ? { syntax: 'typescript', decorators: true } : { syntax: 'ecmascript' },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
}];
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc(true), '^.+\\.m?js$': swc(false) },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  testMatch: ['<rootDir>/app/**/*.test.ts', '<rootDir>/modules/**/*.test.ts', '<rootDir>/test/**/*.test.ts', '<rootDir>/dev/**/*.test.ts', '<rootDir>/setup/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/var/'],
  setupFiles: ['<rootDir>/app/testing/jest-setup.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
