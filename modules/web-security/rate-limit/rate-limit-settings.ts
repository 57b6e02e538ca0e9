import type { ConfigService } from '../../../app';
import { RATE_LIMIT_GROUPS, rateLimitPath, WebSecurityConfigPath, type RateLimitGroup } from '../api/web-security-config-paths';

export interface GroupLimits {
  group: RateLimitGroup;
  perIp: number;
  perAccount: number;
  windowSeconds: number;
}

interface RestPattern {
  method: string;
  /** Path segments after /V1; `*` (or `:name`) matches any one segment. */
  segments: string[];
  group: RateLimitGroup;
}

/** The limits in force, compiled for the request path: a map of GraphQL field names and a list of REST patterns. */
export interface RateLimitSettings {
  enabled: boolean;
  groups: Map<RateLimitGroup, GroupLimits>;
  graphQlFields: Map<string, RateLimitGroup>;
  /** Finds any limited field name in a query text; a document without one is not parsed at all. */
  graphQlFieldPattern: RegExp | undefined;
  restPatterns: RestPattern[];
}

/** Reads and compiles the settings; the config service keeps its own snapshot, this adds a short cache of the compiled form. */
export class RateLimitSettingsReader {
  private cached: { at: number; settings: Promise<RateLimitSettings> } | undefined;

  constructor(
    private readonly config: ConfigService,
    private readonly ttlMs = 5000,
  ) {}

  get(): Promise<RateLimitSettings> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > this.ttlMs) {
      const settings = this.read();
      this.cached = { at: now, settings };
      settings.catch(() => (this.cached = undefined));
    }
    return this.cached.settings;
  }

  private async read(): Promise<RateLimitSettings> {
    const enabled = await this.config.get<boolean>(WebSecurityConfigPath.RateLimitEnabled);
    const groups = new Map<RateLimitGroup, GroupLimits>();
    const graphQlFields = new Map<string, RateLimitGroup>();
    const restPatterns: RestPattern[] = [];
    for (const group of RATE_LIMIT_GROUPS) {
      const perIp = await this.config.get<number>(rateLimitPath(group, 'per_ip'));
      const perAccount = await this.config.get<number>(rateLimitPath(group, 'per_account'));
      const windowSeconds = await this.config.get<number>(rateLimitPath(group, 'window'));
      const operations = (await this.config.get<string[] | null>(rateLimitPath(group, 'operations'))) ?? [];
      groups.set(group, { group, perIp, perAccount, windowSeconds });
      if (!perIp && !perAccount) continue;
      for (const operation of operations) {
        const rest = /^([A-Z]+) \/V1\/(.+)$/.exec(operation);
        if (rest) restPatterns.push({ method: rest[1], segments: rest[2].split('/'), group });
        // The first group naming a field wins: a field is counted once.
        else if (!graphQlFields.has(operation)) graphQlFields.set(operation, group);
      }
    }
    const names = [...graphQlFields.keys()];
    return {
      enabled,
      groups,
      graphQlFields,
      graphQlFieldPattern: names.length ? new RegExp(`(?<![_0-9A-Za-z])(?:${names.join('|')})(?![_0-9A-Za-z])`) : undefined,
      restPatterns,
    };
  }
}

/** The group a REST call belongs to. */
export function matchRestRoute(settings: RateLimitSettings, method: string, segments: string[]): { group: RateLimitGroup } | undefined {
  for (const pattern of settings.restPatterns) {
    if (pattern.method !== method || pattern.segments.length !== segments.length) continue;
    let matches = true;
    for (let i = 0; i < segments.length && matches; i++) {
      const expected = pattern.segments[i];
      matches = expected === '*' || expected.startsWith(':') || expected === segments[i];
    }
    if (matches) return { group: pattern.group };
  }
  return undefined;
}
