import { PasswordHasher } from '../../../app/crypto/password-hasher';
import { FakeClock } from '../../../app/kernel/clock';
import { Kernel } from '../../../app/kernel/tokens';
import { createTestApp, type TestApp, type TestAppOptions } from '../../../app/testing/test-app';

/** scrypt with a small cost: the same code path as production, without spending the CPU of a 32 MiB hash per test call. */
export const fastHasher = () => new PasswordHasher({ N: 2 ** 10, r: 8, p: 1 });

export interface UserTestApp {
  app: TestApp;
  clock: FakeClock;
}

/** A throwaway install with the admin modules, a fake clock and a cheap hasher. */
export async function createUserTestApp(options: TestAppOptions & { extraModules?: string[] } = {}): Promise<UserTestApp> {
  const clock = new FakeClock(new Date('2026-03-02T09:00:00.000Z'));
  const app = await createTestApp({
    modules: ['Comptoir_Store', 'Comptoir_Security', 'Comptoir_User', ...(options.extraModules ?? [])],
    ...options,
    overrides: (bind, container) => {
      bind(Kernel.Clock).toConstantValue(clock);
      bind(Kernel.PasswordHasher).toConstantValue(fastHasher());
      options.overrides?.(bind, container);
    },
  });
  return { app, clock };
}

export const PASSWORD = 'Correct-Horse-42';
export const adminInput = (n: number | string, extra: Record<string, unknown> = {}) => ({
  username: `admin${n}`,
  firstname: 'Ada',
  lastname: `Admin${n}`,
  email: `admin${n}@example.com`,
  password: PASSWORD,
  ...extra,
});
