import path from 'node:path';
import { codeRoot } from '../../../app/kernel/paths';
import { createTestApp, type TestApp, type TestAppOptions } from '../../../app/testing/test-app';

/** The project's modules plus this folder's fixtures (Fixture_Checkout: Magento-named mutations and REST routes that record what ran). */
export const webSecurityModuleDirs = [path.join(codeRoot, 'modules'), path.join(__dirname, 'fixtures')];

export function createWebSecurityTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  return createTestApp({ modules: ['Comptoir_Store', 'Comptoir_WebSecurity', 'Fixture_Checkout'], moduleDirs: webSecurityModuleDirs, ...options });
}

/** 4111 1111 1111 1111, Visa's test number: Luhn-valid. */
export const CANARY_PAN = '4111111111111111';
