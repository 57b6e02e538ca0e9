import type express from 'express';
import request from 'supertest';
import { ConsumerRunner } from '../../../app/event/consumer-runner';
import { OutboxRelay } from '../../../app/event/outbox-relay';
import { createHttpApp } from '../../../app/http/http-app';
import type { FakeClock } from '../../../app/kernel/clock';
import { Kernel } from '../../../app/kernel/tokens';
import type { FileMailTransport } from '../../../app/mail/file-mail-transport';
import type { TestApp, TestAppOptions } from '../../../app/testing/test-app';
import { cliActor } from '../../security/api';
import { UserApi, type AdminUser } from '../../user/api';
import { PASSWORD, adminInput, createUserTestApp } from '../../user/test/user-test-app';
import { TfaApi } from '../api/tokens';
import { base32Decode } from '../totp/base32';
import { hotp, totpStep } from '../totp/otp';

export { PASSWORD, adminInput };
/** RFC 6238's SHA1 seed, base32: 160 bits. */
export const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

export interface TfaTestApp {
  app: TestApp;
  clock: FakeClock;
  web: express.Express;
}

export async function createTfaTestApp(options: TestAppOptions & { extraModules?: string[] } = {}): Promise<TfaTestApp> {
  const { app, clock } = await createUserTestApp({ ...options, extraModules: ['Comptoir_TwoFactorAuth', ...(options.extraModules ?? [])] });
  return { app, clock, web: createHttpApp(app) };
}

/** The TOTP code of `secret` for the clock's current step (plus `steps`). */
export function codeAt(clock: FakeClock, secret = SECRET, steps = 0): string {
  return hotp(base32Decode(secret)!, totpStep(clock.now().getTime() / 1000) + steps);
}

/** An admin with Google Authenticator already set (as security:tfa:google:set-secret does). */
export async function createAdmin(app: TestApp, n: number | string, extra: Record<string, unknown> = {}, secret: string | null = SECRET): Promise<AdminUser> {
  const user = await app.get(UserApi.AdminUserManager).create(adminInput(n, extra) as never, cliActor());
  if (secret) await app.get(TfaApi.Manager).setGoogleSecret(user.id, secret, cliActor());
  return user;
}

/** Signs in through Magento's REST flow; moves the clock to a fresh step first, since a step is accepted once (OTP-04). */
export async function signIn(t: TfaTestApp, username: string, secret = SECRET): Promise<string> {
  t.clock.advance(30_000);
  const res = await request(t.web).post('/rest/V1/tfa/provider/google/authenticate').send({ username, password: PASSWORD, otp: codeAt(t.clock, secret) });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as string;
}

export async function stepUp(t: TfaTestApp, token: string, secret = SECRET): Promise<request.Response> {
  t.clock.advance(30_000);
  return request(t.web).post('/rest/V1/tfa/step-up').set('Authorization', `Bearer ${token}`).send({ password: PASSWORD, otp: codeAt(t.clock, secret) });
}

/** Publishes the outbox, runs the mail consumer, and returns every mail written by the file transport so far. */
export async function deliverMail(app: TestApp) {
  // flush, not publishPending: the relay attached earlier may be publishing in the background.
  await OutboxRelay.attach(app).flush();
  await new ConsumerRunner(app).run(['Comptoir_Framework::kernel_send_mail'], { stopWhenEmpty: true });
  return (app.get(Kernel.MailTransport) as FileMailTransport).list();
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
