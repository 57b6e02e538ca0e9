import { injectable } from 'inversify';
import { buildContainer } from '../container-builder';
import { createToken } from '../token';
import { defineModule, type LoadedModule, type ModuleManifest } from '../../module/manifest';

interface Greeter {
  greet(name: string): string;
  greetLater(name: string): Promise<string>;
  count(): number;
}
const GreeterToken = createToken<Greeter>('Test.Greeter');
const Untouched = createToken<Greeter>('Test.Untouched');

@injectable()
class EnglishGreeter implements Greeter {
  calls = 0;
  greet(name: string) {
    this.calls++;
    return `Hello ${name}`;
  }
  async greetLater(name: string) {
    return `Hello ${name}`;
  }
  count() {
    return this.calls;
  }
}

@injectable()
class FrenchGreeter extends EnglishGreeter {
  greet(name: string) {
    return `Bonjour ${name}`;
  }
}

const mod = (manifest: Partial<ModuleManifest> & { name: string }): LoadedModule => ({
  manifest: defineModule({ version: '1.0.0', ...manifest }),
  dir: __dirname,
  source: 'modules',
});

const core = mod({
  name: 'Test_Core',
  services: (bind) => {
    bind(GreeterToken).to(EnglishGreeter);
    bind(Untouched).to(EnglishGreeter);
  },
});

function build(...extra: LoadedModule[]) {
  return buildContainer([core, ...extra], () => undefined).locator;
}

describe('DI preferences', () => {
  it('lets a later module rebind a token to its own implementation', () => {
    const locator = build(mod({ name: 'Test_Fr', sequence: ['Test_Core'], preferences: [{ for: GreeterToken, type: FrenchGreeter }] }));
    expect(locator.get(GreeterToken).greet('Ana')).toBe('Bonjour Ana');
  });

  it('uses the preference of the last module in load order', () => {
    const locator = build(
      mod({ name: 'Test_Fr', preferences: [{ for: GreeterToken, type: FrenchGreeter }] }),
      mod({ name: 'Test_Custom', preferences: [{ for: GreeterToken, factory: () => ({ greet: (n: string) => `Hi ${n}` }) as unknown as Greeter }] }),
    );
    expect(locator.get(GreeterToken).greet('Ana')).toBe('Hi Ana');
  });

  it('hands out singletons by default, as Magento shares instances', () => {
    const locator = build();
    expect(locator.get(GreeterToken)).toBe(locator.get(GreeterToken));
  });
});

describe('DI plugins', () => {
  it('hands out a service with no plugins unwrapped', () => {
    const locator = build(mod({ name: 'Test_Other', plugins: [{ name: 'p', target: GreeterToken, method: 'greet', after: (_s, r) => r }] }));
    const plain = locator.get(Untouched);
    expect(plain).toBeInstanceOf(EnglishGreeter);
    expect(Object.prototype.hasOwnProperty.call(plain, 'greet')).toBe(false);
    expect(plain.greet).toBe(EnglishGreeter.prototype.greet);
  });

  it("lets one module's after plugin change another module's result", () => {
    const locator = build(
      mod({ name: 'Test_Shout', sequence: ['Test_Core'], plugins: [{ name: 'shout', target: GreeterToken, method: 'greet', after: (_s, result: string) => result.toUpperCase() }] }),
    );
    expect(locator.get(GreeterToken).greet('Ana')).toBe('HELLO ANA');
  });

  it('lets a before plugin rewrite the arguments', () => {
    const locator = build(mod({ name: 'Test_Title', plugins: [{ name: 'title', target: GreeterToken, method: 'greet', before: (_s, name: string) => [`Dr ${name}`] }] }));
    expect(locator.get(GreeterToken).greet('Ana')).toBe('Hello Dr Ana');
  });

  it('lets an around plugin skip the method by not calling proceed', () => {
    const locator = build(mod({ name: 'Test_Block', plugins: [{ name: 'block', target: GreeterToken, method: 'greet', around: () => 'blocked' }] }));
    const greeter = locator.get(GreeterToken);
    expect(greeter.greet('Ana')).toBe('blocked');
    expect(greeter.count()).toBe(0);
  });

  it('orders plugins by sortOrder then module order, Magento style (befores, around, then afters of the level)', () => {
    const log: string[] = [];
    const plugin = (name: string, sortOrder: number, around = false) => ({
      name,
      target: GreeterToken,
      method: 'greet',
      sortOrder,
      before: () => void log.push(`${name}.before`),
      after: (_s: unknown, r: string) => (log.push(`${name}.after`), r),
      ...(around ? { around: (_s: unknown, proceed: (n: string) => string, n: string) => (log.push(`${name}.around`), proceed(n)) } : {}),
    });
    const locator = build(
      mod({ name: 'Test_A', plugins: [plugin('c', 30), plugin('b', 20, true)] }),
      mod({ name: 'Test_B', plugins: [plugin('a', 10), plugin('b2', 20)] }),
    );
    locator.get(GreeterToken).greet('x');
    expect(log).toEqual(['a.before', 'b.before', 'b.around', 'b2.before', 'c.before', 'b2.after', 'c.after', 'a.after', 'b.after']);
  });

  it('can disable another module plugin by name', () => {
    const locator = build(
      mod({ name: 'Test_Shout', plugins: [{ name: 'shout', target: GreeterToken, method: 'greet', after: (_s, r: string) => r.toUpperCase() }] }),
      mod({ name: 'Test_Quiet', sequence: ['Test_Shout'], disable: { plugins: ['shout'] } }),
    );
    expect(locator.get(GreeterToken).greet('Ana')).toBe('Hello Ana');
  });

  it('awaits async methods before after plugins see the result', async () => {
    const locator = build(mod({ name: 'Test_Async', plugins: [{ name: 'later', target: GreeterToken, method: 'greetLater', after: (_s, r: string) => `${r}!` }] }));
    await expect(locator.get(GreeterToken).greetLater('Ana')).resolves.toBe('Hello Ana!');
  });

  it('wraps the preferred implementation, not only the original', () => {
    const locator = build(
      mod({ name: 'Test_Fr', preferences: [{ for: GreeterToken, type: FrenchGreeter }] }),
      mod({ name: 'Test_Shout', plugins: [{ name: 'shout', target: GreeterToken, method: 'greet', after: (_s, r: string) => r.toUpperCase() }] }),
    );
    expect(locator.get(GreeterToken).greet('Ana')).toBe('BONJOUR ANA');
  });

  it('refuses a plugin on something that is not a method, naming it', () => {
    const locator = build(mod({ name: 'Test_Bad', plugins: [{ name: 'bad', target: GreeterToken, method: 'nope', after: (_s, r) => r }] }));
    expect(() => locator.get(GreeterToken)).toThrow(/Test_Bad::bad targets Test.Greeter.nope/);
  });
});
