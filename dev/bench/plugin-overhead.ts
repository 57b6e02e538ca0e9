import 'reflect-metadata';
import { injectable } from 'inversify';
import { buildContainer } from '../../app/di/container-builder';
import { createToken } from '../../app/di/token';
import type { LoadedModule } from '../../app/module/manifest';

interface PriceService {
  finalPrice(minor: number): number;
}
@injectable()
class Prices implements PriceService {
  finalPrice(minor: number): number {
    return minor - (minor % 5);
  }
}
const Plain = createToken<PriceService>('Bench.Plain');
const Wrapped = createToken<PriceService>('Bench.Wrapped');

const modules: LoadedModule[] = [
  {
    manifest: {
      name: 'Bench_Prices',
      version: '1.0.0',
      services: (bind) => {
        bind(Plain).to(Prices);
        bind(Wrapped).to(Prices);
      },
      plugins: [
        { name: 'before', target: Wrapped, method: 'finalPrice', before: (_s, minor: number) => [minor + 1] },
        { name: 'around', target: Wrapped, method: 'finalPrice', sortOrder: 10, around: (_s, proceed: (n: number) => number, minor: number) => proceed(minor) },
        { name: 'after', target: Wrapped, method: 'finalPrice', sortOrder: 20, after: (_s, result: number) => result - 1 },
      ],
    },
    dir: __dirname,
    source: 'modules',
  },
];

/** Calls per second of one service method, unwrapped and behind a before + around + after plugin chain. */
export function measurePluginOverhead(calls = 2_000_000): { plainOpsPerSec: number; wrappedOpsPerSec: number; ratio: number; nsPerCallAdded: number } {
  const { locator } = buildContainer(modules, () => undefined);
  const plain = locator.get(Plain);
  const wrapped = locator.get(Wrapped);
  const run = (service: PriceService) => {
    let sink = 0;
    for (let i = 0; i < calls / 10; i++) sink += service.finalPrice(i); // warm-up
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) sink += service.finalPrice(i);
    const ns = Number(process.hrtime.bigint() - start);
    if (sink === -1) process.stdout.write('');
    return ns;
  };
  const plainNs = Math.min(run(plain), run(plain), run(plain));
  const wrappedNs = Math.min(run(wrapped), run(wrapped), run(wrapped));
  return {
    plainOpsPerSec: Math.round((calls / plainNs) * 1e9),
    wrappedOpsPerSec: Math.round((calls / wrappedNs) * 1e9),
    ratio: plainNs / wrappedNs,
    nsPerCallAdded: (wrappedNs - plainNs) / calls,
  };
}
