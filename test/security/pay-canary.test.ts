import fs from 'node:fs';
import path from 'node:path';
import type express from 'express';
import { buildClientSchema, getIntrospectionQuery, isInputObjectType, isObjectType, isInterfaceType, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import pino from 'pino';
import request from 'supertest';
import { listTables } from '../../app/db/migrator';
import { createHttpApp } from '../../app/http/http-app';
import { createLogger } from '../../app/log/logger';
import { codeRoot } from '../../app/kernel/paths';
import { readModuleList } from '../../app/module/module-list';
import { discoverModules } from '../../app/module/discovery';
import type { TestApp } from '../../app/testing/test-app';
import { CARD_DATA_REFUSED } from '../../modules/web-security/api';
import { CANARY_CVV, CANARY_PANS, hasTextArgument, inlineCall, variablesCall } from './canary-requests';
import { CANARY_NOTE_TABLE } from './fixtures/canary/module';
import { createSecurityTestApp, securityModuleDirs } from './security-test-app';

/** The canary card number in any spacing (digits separated by up to three other characters, escapes decoded first). */
const PAN_ANY_SPACING = new RegExp('4' + '1'.repeat(15).split('').map((d) => `\\D{0,3}${d}`).join(''));
/** "987" next to a CVV-like key, quoted or not. */
const CVV_NEXT_TO_KEY = /(cvv|cvc|cvn|cid|security_?code)\W{0,6}987/i;

const decodeEscapes = (text: string) => text.replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/%20/g, ' ');

/** The modules the project enables (etc/config.json), so modules that land later are canaried without touching this test. */
function committedModules(): string[] {
  const listed = Object.entries(readModuleList(path.join(codeRoot, 'etc'))?.modules ?? {}).filter(([, on]) => on === 1).map(([name]) => name);
  const known = new Set(discoverModules({ moduleDirs: securityModuleDirs, packagesRoot: false }).map((m) => m.manifest.name));
  return [...new Set([...listed, 'Comptoir_Store', 'Comptoir_WebSecurity', 'Fixture_Canary'])].filter((name) => known.has(name));
}

describe('PAY-01 PAY-03 canary: a card number and its CVV sent everywhere end up nowhere', () => {
  let app: TestApp;
  let web: express.Express;
  let schema: GraphQLSchema;
  let logFile: string;
  const refusals: Array<{ what: string; status: number; message: string }> = [];

  const refusalOf = (what: string, res: request.Response) => {
    const message: string = res.body?.errors?.[0]?.message ?? res.body?.message ?? '';
    refusals.push({ what, status: res.status, message });
  };

  beforeAll(async () => {
    const logDir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'comptoir-canary-log-'));
    logFile = path.join(logDir, 'comptoir.log');
    const logger = createLogger({ level: 'trace', destination: pino.destination({ dest: logFile, sync: true }) });
    app = await createSecurityTestApp({ modules: committedModules(), logger });
    // Keep the log inside the test root, so the file sweep below reads it with everything else.
    app.onClose(() => (process.env.KEEP_CANARY_LOG ? undefined : fs.rmSync(logDir, { recursive: true, force: true })));
    web = createHttpApp(app);
    const introspection = await request(web).post('/graphql').send({ query: getIntrospectionQuery() });
    schema = buildClientSchema(introspection.body.data as IntrospectionQuery);
  }, 60_000);
  afterAll(() => app?.close());

  it('PAY-01 no API type has a CVV or card-number field', () => {
    const offending: string[] = [];
    const bad = /^(cvv|cvc|cvn|cc_?cid|cc_?number|card_?number|pan|security_?code|track[12]?)$/i;
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (bad.test(field.name)) offending.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (bad.test(arg.name)) offending.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('PAY-03 every GraphQL mutation of the running schema refuses it before execution (variables and inline literals)', async () => {
    const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
    expect(mutations.map((m) => m.name)).toContain('fixtureSaveNote');
    for (const [i, field] of mutations.entries()) {
      const pan = CANARY_PANS[i % CANARY_PANS.length];
      const withVariables = variablesCall(field, `paid with ${pan} cvv ${CANARY_CVV}`);
      if (!hasTextArgument(field)) withVariables.variables.note = pan; // nowhere else to put it: an extra variable is still read
      refusalOf(`${field.name} (variables)`, await request(web).post('/graphql').send(withVariables));
      if (hasTextArgument(field)) refusalOf(`${field.name} (inline)`, await request(web).post('/graphql').send(inlineCall(field, pan)));
      // The same call without the card number does reach the GraphQL layer (so the refusal above is the guard's, not a bad call).
      const control = await request(web).post('/graphql').send(variablesCall(field, 'harmless text'));
      expect(JSON.stringify(control.body)).not.toContain(CARD_DATA_REFUSED);
    }
    // The harmless control call was stored: the table would have held the card number had the guard let it through.
    expect((await app.db.knex(CANARY_NOTE_TABLE).select('note')).map((r: { note: string }) => r.note)).toEqual(['harmless text']);
  });

  it('PAY-03 every REST route refuses it in the body, the query string and the path', async () => {
    const routes = app.modules.flatMap((m) => m.manifest.rest ?? []);
    expect(routes.length).toBeGreaterThan(0);
    for (const [i, route] of routes.entries()) {
      const pan = CANARY_PANS[i % CANARY_PANS.length];
      const path = route.path.replace(/:[A-Za-z_]+/g, '1');
      const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch';
      const prefix = i % 2 ? '/rest/V1' : '/rest/default/V1';
      if (method === 'get' || method === 'delete') {
        refusalOf(`${route.method} ${route.path} (query)`, await request(web)[method](`${prefix}${path}?card=${encodeURIComponent(pan)}&cvv=${CANARY_CVV}`));
      } else {
        refusalOf(`${route.method} ${route.path} (body)`, await request(web)[method](`${prefix}${path}`).send({ payment: { card_number: pan, cvv: CANARY_CVV }, comment: `card ${pan}` }));
      }
      if (route.path.includes(':')) {
        refusalOf(`${route.method} ${route.path} (path)`, await request(web)[method](`${prefix}${route.path.replace(/:[A-Za-z_]+/, encodeURIComponent(pan)).replace(/:[A-Za-z_]+/g, '1')}`));
      }
    }
  });

  it('PAY-03 headers and GraphQL GET query strings refuse it too', async () => {
    const query = encodeURIComponent('{ storeConfig { store_code } }');
    refusalOf('header', await request(web).get(`/graphql?query=${query}`).set('X-Customer-Note', `card ${CANARY_PANS[0]} cvv ${CANARY_CVV}`));
    refusalOf('cookie', await request(web).get(`/graphql?query=${query}`).set('Cookie', `card=${CANARY_PANS[2]}`));
    refusalOf('GET variables', await request(web).get(`/graphql?query=${query}&variables=${encodeURIComponent(JSON.stringify({ card: CANARY_PANS[1], cvv: CANARY_CVV }))}`));
  });

  it('PAY-03 every canary request was refused by the guard with a clear error', () => {
    expect(refusals.length).toBeGreaterThan(5);
    const notRefused = refusals.filter((r) => r.status !== 400 || !r.message.startsWith(CARD_DATA_REFUSED));
    expect(notRefused).toEqual([]);
  });

  it('PAY-01 PAY-03 neither the number (in any spacing) nor the CVV is in any table of the database', async () => {
    const tables = await listTables(app.db.knex);
    expect(tables).toEqual(expect.arrayContaining(['core_config_data', CANARY_NOTE_TABLE]));
    const found: string[] = [];
    for (const table of tables) {
      const dump = decodeEscapes(JSON.stringify(await app.db.knex(table).select('*')));
      if (PAN_ANY_SPACING.test(dump)) found.push(`${table}: card number`);
      if (CVV_NEXT_TO_KEY.test(dump)) found.push(`${table}: cvv`);
    }
    expect(found).toEqual([]);
  });

  it('PAY-01 PAY-03 LOG-03 neither is in any log file or any file the installation wrote, though a module logged every request in full', () => {
    const files: string[] = [logFile];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else files.push(full);
      }
    };
    walk(app.root);
    const log = fs.readFileSync(logFile, 'utf8');
    // The careless module did log every canary request (URL, headers, body): the scrubbing is what kept the number out.
    expect(log).toMatch(/incoming POST \/graphql/);
    expect(log).toMatch(/"msg":"Request refused: it contained a payment card number"/);
    expect(log).toMatch(/\[REDACTED PAN\]/);
    const found = files.filter((file) => {
      const text = decodeEscapes(fs.readFileSync(file).toString('latin1'));
      return PAN_ANY_SPACING.test(text) || CVV_NEXT_TO_KEY.test(text);
    });
    expect(found.map((f) => path.relative(app.root, f))).toEqual([]);
  });
});
