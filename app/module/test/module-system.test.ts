import path from 'node:path';
import { discoverModules } from '../discovery';
import { sortBySequence } from '../sequence';
import { changeModules, resolveEnabledModules } from '../module-list';
import type { LoadedModule } from '../manifest';

const fixtures = path.join(__dirname, 'fixtures');
const moduleDirs = [path.join(fixtures, 'modules')];
const packagesRoot = path.join(fixtures, 'packages');

const names = (mods: LoadedModule[]) => mods.map((m) => m.manifest.name);
const item = (name: string, ...sequence: string[]) => ({ name, sequence });

describe('module sequence sort', () => {
  it('puts dependencies first and keeps the given order otherwise (stable)', () => {
    const sorted = sortBySequence([item('C'), item('A', 'B'), item('B'), item('D', 'C')]);
    expect(sorted.map((s) => s.name)).toEqual(['C', 'B', 'A', 'D']);
  });

  it('stops on a missing dependency, naming both modules', () => {
    expect(() => sortBySequence([item('Vendor_A', 'Vendor_Missing')])).toThrow('Vendor_A requires Vendor_Missing');
  });

  it('stops on a cycle, naming the loop', () => {
    expect(() => sortBySequence([item('X'), item('A', 'B'), item('B', 'C'), item('C', 'A')])).toThrow('Circular module sequence: A -> B -> C -> A');
  });
});

describe('module discovery', () => {
  it('finds modules in modules/ folders and in npm packages that declare themselves', () => {
    const found = discoverModules({ moduleDirs, packagesRoot });
    expect(names(found).sort()).toEqual(['Acme_Gamma', 'Fixture_Alpha', 'Fixture_Beta', 'Fixture_CycleA', 'Fixture_CycleB']);
    const gamma = found.find((m) => m.manifest.name === 'Acme_Gamma')!;
    expect(gamma.source).toBe('package');
    expect(gamma.packageName).toBe('@acme/comptoir-gamma');
  });

  it('reads a folder listed twice only once', () => {
    expect(discoverModules({ moduleDirs: [...moduleDirs, ...moduleDirs], packagesRoot: false })).toHaveLength(4);
  });

  it('finds the core modules of the project by default', () => {
    expect(names(discoverModules({ packagesRoot: false }))).toContain('Comptoir_Store');
  });
});

describe('enabled module list (etc/config.json)', () => {
  const discovered = discoverModules({ moduleDirs, packagesRoot });

  it('loads enabled modules in sequence order', () => {
    const list = { modules: { Fixture_Alpha: 1, Fixture_Beta: 1, Acme_Gamma: 1, Fixture_CycleA: 0, Fixture_CycleB: 0 } as Record<string, 0 | 1> };
    expect(names(resolveEnabledModules(discovered, list))).toEqual(['Fixture_Beta', 'Acme_Gamma', 'Fixture_Alpha']);
  });

  it('leaves disabled modules out entirely', () => {
    const list = { modules: { Fixture_Alpha: 0, Fixture_Beta: 1, Acme_Gamma: 0, Fixture_CycleA: 0, Fixture_CycleB: 0 } as Record<string, 0 | 1> };
    expect(names(resolveEnabledModules(discovered, list))).toEqual(['Fixture_Beta']);
  });

  it('stops boot on a cycle among enabled modules', () => {
    const list = { modules: { Fixture_CycleA: 1, Fixture_CycleB: 1 } as Record<string, 0 | 1> };
    expect(() => resolveEnabledModules(discovered, list)).toThrow(/Circular module sequence: Fixture_CycleA -> Fixture_CycleB -> Fixture_CycleA/);
  });

  it('stops boot when an enabled module needs a disabled one, naming both', () => {
    const list = { modules: { Fixture_Alpha: 1, Fixture_Beta: 0 } as Record<string, 0 | 1> };
    expect(() => resolveEnabledModules(discovered, list)).toThrow(/Fixture_Alpha requires Fixture_Beta/);
  });

  it('stops boot when an enabled module cannot be found', () => {
    expect(() => resolveEnabledModules(discovered, { modules: { Vendor_Gone: 1 } })).toThrow(/Enabled module\(s\) not found: Vendor_Gone/);
  });

  it('refuses to disable a module another enabled module depends on', () => {
    const list = { modules: { Fixture_Alpha: 1, Fixture_Beta: 1, Acme_Gamma: 0, Fixture_CycleA: 0, Fixture_CycleB: 0 } as Record<string, 0 | 1> };
    expect(() => changeModules(discovered, list, ['Fixture_Beta'], false)).toThrow('Cannot disable Fixture_Beta: Fixture_Alpha depends on Fixture_Beta');
  });

  it('refuses to enable a module whose dependency is disabled, and unknown names', () => {
    const list = { modules: { Fixture_Alpha: 0, Fixture_Beta: 0, Acme_Gamma: 0, Fixture_CycleA: 0, Fixture_CycleB: 0 } as Record<string, 0 | 1> };
    expect(() => changeModules(discovered, list, ['Fixture_Alpha'], true)).toThrow('Fixture_Alpha depends on Fixture_Beta');
    expect(() => changeModules(discovered, list, ['Nope_Nope'], true)).toThrow('Unknown module(s): Nope_Nope');
  });

  it('enables a module together with its dependency and writes the list in load order', () => {
    const list = { modules: { Fixture_Alpha: 0, Fixture_Beta: 0, Acme_Gamma: 0, Fixture_CycleA: 0, Fixture_CycleB: 0 } as Record<string, 0 | 1> };
    const without = discovered.filter((m) => !m.manifest.name.startsWith('Fixture_Cycle'));
    const changed = changeModules(without, list, ['Fixture_Beta', 'Fixture_Alpha'], true);
    expect(Object.keys(changed.modules)).toEqual(['Fixture_Beta', 'Acme_Gamma', 'Fixture_Alpha']);
    expect(changed.modules).toEqual({ Fixture_Beta: 1, Acme_Gamma: 0, Fixture_Alpha: 1 });
  });
});
