import type { Application } from '../../app/kernel/application';
import { AlreadyExistsError } from '../../app/graphql/errors';
import { StoreApi, type ScopeSettingsInput } from '../../modules/store/api';

export const SAMPLE_FRENCH_VIEW = {
  code: 'fr',
  name: 'French',
  settings: { locale: 'fr_FR', currency: 'EUR', timezone: 'Europe/Paris' } satisfies ScopeSettingsInput,
} as const;

/**
 * The sample shop's store views: `default` (created by the store module's migration) keeps the default scope's settings
 * (en_US / USD and the time zone setup:install was given, America/Los_Angeles otherwise), and `fr` (French, fr_FR, EUR display
 * currency, Europe/Paris)
 * joins it in the default website's default group. The view and its settings are created in one transaction, so an existing
 * `fr` view is complete: running this again leaves it (and whatever the merchant changed since) as it is.
 */
export async function installSampleStores(app: Application): Promise<void> {
  const manager = app.get(StoreApi.StoreManager);
  const { code, name, settings } = SAMPLE_FRENCH_VIEW;
  try {
    await manager.createStoreView({ code, name, settings });
  } catch (err) {
    if (!(err instanceof AlreadyExistsError)) throw err;
  }
}
