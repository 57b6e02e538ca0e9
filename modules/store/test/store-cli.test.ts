import { Command } from 'commander';
import { InputError } from '../../../app';
import type { CliContext } from '../../../app';
import type { TestApp } from '../../../app/testing/test-app';
import { StoreApi, StoreConfigPath as P } from '../api';
import { registerStoreCreate, storeCreate } from '../cli/store-create.command';
import { registerStoreList, storeList } from '../cli/store-list.command';
import { createStoreTestApp } from './store-test-app';

describe('store:create and store:list', () => {
  let app: TestApp;
  let lines: string[];
  const out = (line: string) => void lines.push(line);

  beforeAll(async () => {
    app = await createStoreTestApp();
  });
  afterAll(() => app?.close());
  beforeEach(() => {
    lines = [];
  });

  /** The commands as the CLI runner registers them, booting this test's application. */
  function program(): Command {
    const ctx: CliContext = { paths: { root: app.root, etc: '', var: '' }, boot: async () => app, out, progress: () => undefined };
    const root = new Command('comptoir').exitOverride().configureOutput({ writeOut: (s) => out(s), writeErr: (s) => out(s) });
    registerStoreCreate(root, ctx);
    registerStoreList(root, ctx);
    root.commands.forEach((c) => c.exitOverride().configureOutput({ writeOut: (s) => out(s), writeErr: (s) => out(s) }));
    return root;
  }

  it('creates a French store view with its locale, currency, time zone and base URLs', async () => {
    await program().parseAsync(
      [
        'store:create', '--type', 'view', '--code', 'fr', '--name', 'French', '--website', 'base', '--group', 'main_website_store',
        '--locale', 'fr_FR', '--currency', 'EUR', '--timezone', 'Europe/Paris',
        '--base-url', 'https://example.com/fr/', '--base-url-secure', 'https://example.com/fr/',
      ],
      { from: 'user' },
    );
    expect(lines).toEqual(['Store view "fr" (id 2) was created in store group "main_website_store".']);
    expect(await app.get(StoreApi.StoreRepository).getStoreView('fr')).toMatchObject({ name: 'French', websiteId: 1, groupId: 1, isActive: true });
    expect(await app.config.getForStore(P.LocaleCode, 'fr')).toBe('fr_FR');
    expect(await app.config.getForStore(P.DefaultDisplayCurrency, 'fr')).toBe('EUR');
    expect(await app.config.getForStore(P.Timezone, 'fr')).toBe('Europe/Paris');
    expect(await app.config.getForStore(P.UnsecureBaseUrl, 'fr')).toBe('https://example.com/fr/');
    expect(await app.config.getForStore(P.SecureBaseUrl, 'fr')).toBe('https://example.com/fr/');
  });

  it('creates a website, then a group in it, then an inactive view', async () => {
    await storeCreate(app, { type: 'website', code: 'eu', name: 'Europe', currency: 'EUR', timezone: 'Europe/Berlin' }, out);
    await storeCreate(app, { type: 'group', code: 'eu_store', name: 'Europe Store', website: 'eu', rootCategoryId: '3' }, out);
    await storeCreate(app, { type: 'view', code: 'de', name: 'Deutsch', website: 'eu', sortOrder: '5', inactive: true, locale: 'de_DE' }, out);
    expect(lines).toEqual([
      expect.stringMatching(/^Website "eu" \(id 2\) was created\./),
      'Store group "eu_store" (id 2) was created.',
      'Store view "de" (id 3) was created in store group "eu_store" (inactive).',
    ]);
    expect(await app.get(StoreApi.StoreRepository).getGroup('eu_store')).toMatchObject({ rootCategoryId: 3, websiteId: 2 });
    expect(await app.config.get(P.BaseCurrency, { scope: 'websites', code: 'eu' })).toBe('EUR');
  });

  it('reports every invalid option by its flag, and creates nothing', async () => {
    const attempt = storeCreate(
      app,
      { type: 'view', code: 'Es', name: 'Español', locale: 'es', currency: 'EURO', timezone: 'Madrid', baseUrl: 'https://example.com/es', sortOrder: 'first' },
      out,
    );
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(attempt).rejects.toThrow(
      /Cannot create the view: --code: "Es" is not a valid code.*--locale: "es" is not a valid locale code.*--currency: "EURO" is not an ISO 4217 currency code.*--timezone: "Madrid" is not a valid IANA time zone.*--base-url: "https:\/\/example.com\/es" must end with '\/'.*--sort-order: the sort order must be a whole number/,
    );
    expect(await app.get(StoreApi.StoreRepository).getStoreView('es')).toBeUndefined();
  });

  it('requires --type, --code and --name, and refuses options that do not apply to the type', async () => {
    await expect(storeCreate(app, {}, out)).rejects.toThrow('--type is required (website, group, view); --code is required; --name is required');
    await expect(storeCreate(app, { type: 'shop', code: 'x', name: 'X' }, out)).rejects.toThrow('--type: must be one of: website, group, view');
    await expect(storeCreate(app, { type: 'website', code: 'asia', name: 'Asia', group: 'main_website_store' }, out)).rejects.toThrow(
      '--group cannot be used with --type website',
    );
    await expect(storeCreate(app, { type: 'group', code: 'g', name: 'G', locale: 'fr_FR', inactive: true }, out)).rejects.toThrow(
      '--locale, --inactive cannot be used with --type group',
    );
  });

  it('turns service refusals (duplicate code, unknown parent) into clear errors', async () => {
    await expect(storeCreate(app, { type: 'view', code: 'fr', name: 'Again' }, out)).rejects.toThrow('A store view with the code "fr" already exists');
    await expect(storeCreate(app, { type: 'view', code: 'it', name: 'Italiano', group: 'nowhere' }, out)).rejects.toThrow('Store group "nowhere" does not exist');
  });

  it('rejects an invalid command line through commander before booting', async () => {
    let booted = false;
    const ctx: CliContext = { paths: { root: '', etc: '', var: '' }, boot: async () => ((booted = true), app), out, progress: () => undefined };
    const root = new Command('comptoir').exitOverride();
    registerStoreCreate(root, ctx);
    root.commands.forEach((c) => c.exitOverride().configureOutput({ writeErr: (s) => out(s) }));
    await expect(root.parseAsync(['store:create', '--type', 'view', '--code', 'x!', '--name', 'X'], { from: 'user' })).rejects.toThrow(/--code: "x!" is not a valid code/);
    await expect(root.parseAsync(['store:create', '--type', 'planet'], { from: 'user' })).rejects.toThrow(/Allowed choices are website, group, view/);
    expect(booted).toBe(false);
  });

  it('documents its options and examples in --help', async () => {
    await expect(program().parseAsync(['store:create', '--help'], { from: 'user' })).rejects.toMatchObject({ code: 'commander.helpDisplayed' });
    const help = lines.join('');
    for (const text of ['--type <type>', '--code <code>', '--name <name>', '--website <code>', '--group <code>', '--locale <code>', '--currency <code>', '--timezone <zone>', '--base-url <url>', '--base-url-secure <url>', 'Examples:']) {
      expect(help).toContain(text);
    }
  });

  it('lists websites, groups and store views as tables', async () => {
    await storeList(app, out);
    const text = lines.join('\n');
    expect(lines[0]).toBe('Websites');
    expect(text).toMatch(/\| 1  \| base  \| Main Website \| 0          \| main_website_store \| Yes        \|/);
    expect(text).toMatch(/\| 2  \| eu    \| Europe       \| 0          \| eu_store           \| No         \|/);
    expect(text).toMatch(/Store groups/);
    expect(text).toMatch(/\| 1  \| main_website_store \| Main Website Store \| base    \| 2 +\| default +\|/);
    expect(text).toMatch(/Store views/);
    expect(text).toMatch(/\| 3  \| de      \| Deutsch +\| eu      \| eu_store +\| 5 +\| No +\|/);
    lines = [];
    await program().parseAsync(['store:list'], { from: 'user' });
    expect(lines.join('\n')).toBe(text);
  });
});
