import request from 'supertest';
import { SecurityApi } from '../../security/api';
import { TfaTable } from '../model/tfa-tables';
import { PASSWORD, bearer, createAdmin, createTfaTestApp, signIn, stepUp, type TfaTestApp } from './tfa-test-kit';

describe('recovery codes (OTP-06)', () => {
  let t: TfaTestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTfaTestApp();
    await createAdmin(t.app, 'rc');
    token = await signIn(t, 'adminrc');
  });
  afterAll(() => t?.app.close());

  const generate = () => request(t.web).post('/rest/V1/tfa/recovery-codes').set(bearer(token));
  const useCode = (code: string) => request(t.web).post('/rest/V1/tfa/recovery-codes/authenticate').send({ username: 'adminrc', password: PASSWORD, code });

  it('OTP-06 needs a step-up, then shows 10 codes once and stores them only as keyed hashes', async () => {
    expect((await generate()).status).toBe(403);
    await stepUp(t, token);
    const res = await generate();
    expect(res.status).toBe(200);
    const codes: string[] = res.body.codes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const stored = JSON.stringify(await t.app.db.knex(TfaTable.recoveryCode).select());
    for (const code of codes) expect(stored).not.toContain(code);
    expect(JSON.stringify(await t.app.get(SecurityApi.AuditLog).list())).not.toContain(codes[0]);
  });

  it('OTP-06 signs in with a code once; the same code fails the second time', async () => {
    await stepUp(t, token);
    const codes: string[] = (await generate()).body.codes;
    const first = await useCode(codes[3].toUpperCase());
    expect(first.status).toBe(200);
    expect(first.body).toMatch(/^eyJ/);
    const again = await useCode(codes[3]);
    expect(again.status).toBe(401);
    expect(again.body).toEqual({ message: 'Invalid or already used recovery code.' });
    expect((await useCode(codes[4])).status).toBe(200);
  });

  it('OTP-06 regenerating invalidates the previous set', async () => {
    await stepUp(t, token);
    const old: string[] = (await generate()).body.codes;
    await stepUp(t, token);
    const fresh: string[] = (await generate()).body.codes;
    expect((await useCode(old[0])).status).toBe(401);
    expect((await useCode(fresh[0])).status).toBe(200);
  });

  it('OTP-06 a recovery code can also serve as the second factor of a step-up', async () => {
    await stepUp(t, token);
    const codes: string[] = (await generate()).body.codes;
    const fresh = await signIn(t, 'adminrc');
    const res = await request(t.web).post('/rest/V1/tfa/step-up').set(bearer(fresh)).send({ password: PASSWORD, recovery_code: codes[0] });
    expect(res.status).toBe(200);
    expect((await request(t.web).post('/rest/V1/tfa/step-up').set(bearer(fresh)).send({ password: PASSWORD, recovery_code: codes[0] })).status).toBe(401);
  });
});
