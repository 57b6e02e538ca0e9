import path from 'node:path';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { Kernel } from '../tokens';
import { GreeterToken } from './fixtures/base/module';
import { extraClock } from './fixtures/extra/module';
import { boot } from '../boot';

const moduleDirs = [path.join(__dirname, 'fixtures')];

describe('boot', () => {
  let withExtra: TestApp;
  let withoutExtra: TestApp;

  beforeAll(async () => {
    withExtra = await createTestApp({ moduleDirs, modules: ['Fixture_Base', 'Fixture_Extra'] });
    withoutExtra = await createTestApp({ moduleDirs, modules: ['Fixture_Base'] });
  });
  afterAll(async () => {
    await withExtra?.close();
    await withoutExtra?.close();
  });

  it('wires an enabled module: its preference, plugin, observer and config field', () => {
    expect(withExtra.modules.map((m) => m.manifest.name)).toEqual(['Comptoir_Framework', 'Fixture_Base', 'Fixture_Extra']);
    expect(withExtra.get(Kernel.Clock)).toBe(extraClock);
    expect(withExtra.get(GreeterToken).greet('Ana')).toBe('HELLO ANA');
    expect(withExtra.events.observers.syncObservers('config_save_after').map((o) => o.id)).toEqual(['Fixture_Extra::extra_observer']);
    expect(withExtra.config.fields().map((f) => f.path)).toContain('extra/general/enabled');
  });

  it('a disabled module contributes nothing: no preference, plugin, observer, config field', async () => {
    expect(withoutExtra.modules.map((m) => m.manifest.name)).toEqual(['Comptoir_Framework', 'Fixture_Base']);
    expect(withoutExtra.get(Kernel.Clock)).not.toBe(extraClock);
    expect(withoutExtra.get(GreeterToken).greet('Ana')).toBe('Hello Ana');
    expect(withoutExtra.events.observers.syncObservers('config_save_after')).toEqual([]);
    expect(withoutExtra.config.fields().map((f) => f.path)).not.toContain('extra/general/enabled');
    await expect(withoutExtra.config.set('extra/general/enabled', '0')).rejects.toThrow(/path doesn't exist/);
  });

  it('refuses to serve on a database with pending migrations, and to boot an uninstalled project', async () => {
    await expect(
      boot({ root: withoutExtra.root, env: withoutExtra.env, moduleDirs, packagesRoot: false, modules: ['Fixture_Base', 'Fixture_Pending'], requireUpToDate: true }),
    ).rejects.toThrow('The database is not up to date (pending: Fixture_Pending::0001_table). Run `comptoir setup:upgrade`.');
    await expect(boot({ root: path.join(withoutExtra.root, 'nowhere') })).rejects.toThrow(/is not installed/);
  });
});
