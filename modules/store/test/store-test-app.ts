import path from 'node:path';
import { codeRoot } from '../../../app/kernel/paths';
import { createTestApp, type TestApp, type TestAppOptions } from '../../../app/testing/test-app';

/** The project's modules plus this folder's fixtures (a module observing the store events). */
export const storeTestModuleDirs = [path.join(codeRoot, 'modules'), path.join(__dirname, 'fixtures')];

/** A throwaway installation with the store module (and any fixture asked for), on SQLite or MariaDB as COMPTOIR_TEST_DB says. */
export function createStoreTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  return createTestApp({ modules: ['Comptoir_Store'], moduleDirs: storeTestModuleDirs, ...options });
}
