import { BlockList, isIP } from 'node:net';
import { KernelError } from '../kernel/errors';

/** The names express's `trust proxy` (proxy-addr) understands, so one list configures both. */
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

export type AddressMatcher = (address: string | undefined) => boolean;

/**
 * A matcher for IP addresses, CIDR ranges and the names loopback/linklocal/uniquelocal. An entry that is none of these is a
 * configuration error: silently ignoring it would make a proxy untrusted (or worse, a typo trusted) without anyone noticing.
 */
export function compileAddressMatcher(entries: readonly string[], setting = 'http.trustedProxies'): AddressMatcher {
  const list = new BlockList();
  for (const entry of entries) {
    for (const range of NAMED_RANGES[entry.trim().toLowerCase()] ?? [entry.trim()]) {
      if (!addRange(list, range)) {
        throw new KernelError(`Invalid address "${entry}" in ${setting}: use an IP address, a CIDR range (10.0.0.0/8) or loopback, linklocal, uniquelocal`, 'ENV_INVALID');
      }
    }
  }
  // Every request asks (transport guard, trusted proxies) and BlockList.check builds a SocketAddress each time: the answer for
  // an address never changes, so it is kept (clients are few next to requests; the map is emptied if it ever grows large).
  const known = new Map<string, boolean>();
  return (address) => {
    const key = address ?? '';
    let matched = known.get(key);
    if (matched === undefined) {
      const plain = normalizeAddress(address);
      const family = isIP(plain);
      matched = family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
      if (known.size >= MATCHER_MEMORY) known.clear();
      known.set(key, matched);
    }
    return matched;
  };
}

/** Addresses a matcher remembers its answer for. */
const MATCHER_MEMORY = 10_000;

export const isLoopbackAddress: AddressMatcher = compileAddressMatcher(['loopback']);

/** Dual-stack sockets report IPv4 peers as `::ffff:a.b.c.d`; IPv4 rules must still apply to them. */
export function normalizeAddress(address: string | undefined): string {
  if (!address) return '';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

function addRange(list: BlockList, range: string): boolean {
  const [address, prefixText, ...rest] = range.split('/');
  const family = isIP(normalizeAddress(address));
  if (!family || rest.length) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) {
    list.addAddress(normalizeAddress(address), type);
    return true;
  }
  const prefix = Number(prefixText);
  if (!/^\d+$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) return false;
  list.addSubnet(normalizeAddress(address), prefix, type);
  return true;
}
