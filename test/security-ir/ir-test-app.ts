import path from 'node:path';
import request from 'supertest';
import { Kernel } from '../../app';
import { codeRoot } from '../../app/kernel/paths';
import { createTestApp, type TestApp } from '../../app/testing/test-app';
import { StorefrontClient, fastPasswordHasher, PASSWORD } from '../../modules/customer/test/customer-test-app';
import { cliActor } from '../../modules/security/api';
import { UserApi } from '../../modules/user/api';

export const IR_MODULES = ['Comptoir_Store', 'Comptoir_Directory', 'Comptoir_Customer', 'Comptoir_Security', 'Comptoir_User', 'Comptoir_TwoFactorAuth', 'Comptoir_IncidentResponse'];
export const moduleDirs = [path.join(codeRoot, 'modules'), path.join(codeRoot, 'modules/customer/test/fixtures')];
export { PASSWORD as CUSTOMER_PASSWORD };
export const ADMIN_PASSWORD = 'Correct-Horse-42';

export function createIrTestApp(): Promise<TestApp> {
  return createTestApp({ modules: IR_MODULES, moduleDirs, overrides: (bind) => bind(Kernel.PasswordHasher).toConstantValue(fastPasswordHasher) });
}

export const newCustomer = (n: string) => ({ firstname: 'Lucie', lastname: `Bernard${n}`, email: `lucie${n}@example.com`, password: PASSWORD });

export const ADDRESS = { firstname: 'Lucie', lastname: 'Bernard', street: ['12 rue Victor Hugo'], city: 'Lyon', postcode: '69002', country_code: 'FR', telephone: '0478000000' };

/** An admin with the Administrators role and a token (issued directly: the 2FA flow has its own tests), stepped up when asked. */
export async function adminToken(app: TestApp, name: string, options: { stepUp?: boolean } = {}): Promise<{ id: number; token: string }> {
  const manager = app.get(UserApi.AdminUserManager);
  let user = await manager.getByUsername(name);
  if (!user) {
    await manager.create({ username: name, firstname: 'Ada', lastname: 'Min', email: `${name}@example.com`, password: ADMIN_PASSWORD }, cliActor());
    user = await manager.getByUsername(name);
  }
  const issued = await app.get(UserApi.AdminTokenService).issue(user!.id, { provider: 'test' }, cliActor());
  if (options.stepUp) await app.get(UserApi.StepUp).record(issued.tokenId);
  return { id: user!.id, token: issued.token };
}

export async function signedUpCustomer(client: StorefrontClient, n: string): Promise<string> {
  const res = await client.signUp(newCustomer(n));
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return client.signIn(`lucie${n}@example.com`, PASSWORD);
}

export const CUSTOMER_QUERY = '{ customer { firstname lastname email addresses { city street } } }';

export function rest(client: StorefrontClient) {
  return request(client.web);
}
