import { inject, injectable } from 'inversify';
import { Kernel, type Clock, type ConfigService, type Database } from '../../../app';
import { perTransaction } from '../model/transaction-memo';
import { NoSuchEntityError } from '../../../app';
import { StoreApi, type StoreRepository, type StoreSettingsReader } from '../../store/api';
import { CatalogConfigPath } from '../api/config-paths';
import type { CatalogContextProvider, StoreCatalogContext } from '../api/pricing';

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const currencyDigits = new Map<string, number>();

/** The last date worked out per time zone, with the second it holds for: every catalog request asks for today's date. */
const lastDates = new Map<string, { second: number; date: string }>();

/** YYYY-MM-DD of `now` in an IANA time zone. */
export function dateIn(timeZone: string, now: Date): string {
  const second = Math.floor(now.getTime() / 1000);
  const last = lastDates.get(timeZone);
  if (last && last.second === second) return last.date;
  let format = dateFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, format);
  }
  const date = format.format(now);
  lastDates.set(timeZone, { second, date });
  return date;
}

/** Minor units of a currency (USD 2, JPY 0, BHD 3), from ICU. */
export function digitsOf(currency: string): number {
  let digits = currencyDigits.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    currencyDigits.set(currency, digits);
  }
  return digits;
}

type CachedContext = { loadedAt: number; timezone: string; value: Omit<StoreCatalogContext, 'today'> };

/**
 * Everything store-dependent the catalog needs, from the store module's in-memory snapshots and config: no query when warm.
 * Assembling it takes a few dozen config lookups, so the process keeps it per store view for TTL_MS (as the config service
 * keeps its own snapshot) and drops it when this process changes config or store views; `today` is worked out on each call.
 */
@injectable()
export class DefaultCatalogContextProvider implements CatalogContextProvider {
  static readonly TTL_MS = 5000;
  private readonly cache = new Map<number, CachedContext>();

  constructor(
    @inject(StoreApi.StoreRepository) private readonly stores: StoreRepository,
    @inject(StoreApi.StoreSettingsReader) private readonly settings: StoreSettingsReader,
    @inject(Kernel.Config) private readonly config: ConfigService,
    @inject(Kernel.Clock) private readonly clock: Clock,
    @inject(Kernel.Database) private readonly db: Database,
  ) {}

  async forStore(storeId: number): Promise<StoreCatalogContext> {
    // A transaction that declared changes (to store views, config…) builds its own context from what it sees; the others,
    // a checkout's among them, share the process's copy.
    let cached = this.db.changesDeclared() ? undefined : this.cache.get(storeId);
    if (!cached || Date.now() - cached.loadedAt > DefaultCatalogContextProvider.TTL_MS) {
      cached = await perTransaction(this.db, `catalog.context.${storeId}`, () => this.build(storeId));
      if (!this.db.inTransaction()) this.cache.set(storeId, cached);
    }
    return { ...cached.value, today: dateIn(cached.timezone, this.clock.now()) };
  }

  /** Drops the cached contexts (config or store views changed). */
  reset(): void {
    this.cache.clear();
  }

  private async build(storeId: number): Promise<CachedContext> {
    const view = await this.stores.getStoreViewById(storeId);
    if (!view) throw new NoSuchEntityError(`Store view ${storeId} does not exist`);
    const group = await this.stores.getGroupById(view.groupId);
    const settings = await this.settings.forStoreView(view.code);
    const [productUrlSuffix, categoryUrlSuffix] = await Promise.all([
      this.config.getForStore<string | null>(CatalogConfigPath.ProductUrlSuffix, view.code),
      this.config.getForStore<string | null>(CatalogConfigPath.CategoryUrlSuffix, view.code),
    ]);
    return {
      loadedAt: Date.now(),
      timezone: settings.timezone,
      value: {
        storeId,
        storeCode: view.code,
        currency: settings.baseCurrencyCode,
        currencyDigits: digitsOf(settings.baseCurrencyCode),
        productMediaUrl: `${settings.urls.secureBaseMediaUrl}catalog/product`,
        productUrlSuffix: productUrlSuffix ?? '',
        categoryUrlSuffix: categoryUrlSuffix ?? '',
        rootCategoryId: group?.rootCategoryId ?? 0,
      },
    };
  }
}
