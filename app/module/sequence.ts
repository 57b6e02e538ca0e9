import { KernelError } from '../kernel/errors';

export interface SequencedItem {
  name: string;
  sequence: string[];
}

/**
 * Stable topological sort (Kahn): among modules whose dependencies are all placed, the one that came first in `items` goes first.
 * A dependency missing from `items` or a cycle throws, naming the modules involved.
 */
export function sortBySequence<T extends SequencedItem>(items: T[], options: { lenient?: boolean } = {}): T[] {
  const byName = new Map(items.map((item) => [item.name, item]));
  if (options.lenient) return lenientSort(items, byName);
  const missing: string[] = [];
  for (const item of items) {
    for (const dep of item.sequence) {
      if (!byName.has(dep)) missing.push(`${item.name} requires ${dep}`);
    }
  }
  if (missing.length) {
    throw new KernelError(`Missing module dependencies: ${missing.join('; ')}. Enable or install the required modules.`, 'MODULE_MISSING_DEPENDENCY');
  }
  const placed = new Set<string>();
  const result: T[] = [];
  let pending = [...items];
  while (pending.length) {
    const ready = pending.find((item) => item.sequence.every((dep) => placed.has(dep)));
    if (!ready) throw new KernelError(`Circular module sequence: ${describeCycle(pending)}`, 'MODULE_CYCLE');
    placed.add(ready.name);
    result.push(ready);
    pending = pending.filter((item) => item !== ready);
  }
  return result;
}

function describeCycle(pending: SequencedItem[]): string {
  const byName = new Map(pending.map((item) => [item.name, item]));
  // Walk unresolved dependencies from the first pending module until a name repeats: that loop is the cycle.
  const path: string[] = [];
  let current: SequencedItem | undefined = pending[0];
  while (current && !path.includes(current.name)) {
    path.push(current.name);
    const next: string | undefined = current.sequence.find((dep) => byName.has(dep));
    current = next ? byName.get(next) : undefined;
  }
  if (!current) return pending.map((p) => p.name).join(', ');
  const loop = path.slice(path.indexOf(current.name));
  return [...loop, current.name].join(' -> ');
}

/** For listing every known module (enabled or not): missing dependencies are ignored and a cycle is broken where it stands. */
function lenientSort<T extends SequencedItem>(items: T[], byName: Map<string, T>): T[] {
  const placed = new Set<string>();
  const result: T[] = [];
  let pending = [...items];
  while (pending.length) {
    const ready = pending.find((item) => item.sequence.every((dep) => placed.has(dep) || !byName.has(dep))) ?? pending[0];
    placed.add(ready.name);
    result.push(ready);
    pending = pending.filter((item) => item !== ready);
  }
  return result;
}
