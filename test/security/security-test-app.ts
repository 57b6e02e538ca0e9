import path from 'node:path';
import { codeRoot } from '../../app/kernel/paths';
import { createTestApp, type TestApp, type TestAppOptions } from '../../app/testing/test-app';

/** The project's modules, this folder's fixtures and Comptoir_WebSecurity's (Fixture_Checkout). */
export const securityModuleDirs = [path.join(codeRoot, 'modules'), path.join(__dirname, 'fixtures'), path.join(codeRoot, 'modules', 'web-security', 'test', 'fixtures')];

export function createSecurityTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  return createTestApp({ modules: ['Comptoir_Store', 'Comptoir_WebSecurity'], moduleDirs: securityModuleDirs, ...options });
}

/** Runs `fn` with process.stderr captured (the CLI prints its errors there). */
export async function withStderr<T>(fn: () => Promise<T>): Promise<{ result: T; stderr: string }> {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (chunks.push(String(chunk)), true));
  try {
    const result = await fn();
    return { result, stderr: chunks.join('') };
  } finally {
    spy.mockRestore();
  }
}
