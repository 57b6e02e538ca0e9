import { defineModule, Kernel } from '../../app';
import { StoreApi } from './api/tokens';
import { storeCreateCommand } from './cli/store-create.command';
import { storeListCommand } from './cli/store-list.command';
import { storeConfigFields } from './config/store-config-fields';
import { storeResolvers } from './graphql/resolvers';
import { storeRoutes } from './rest/store.routes';
import { storeMigrations } from './migrations';
import { StoreInternal } from './model/store-internal-tokens';
import { SnapshotStoreRepository } from './model/store-repository';
import { StoreSnapshotCache } from './model/store-snapshot-cache';
import { StoreWriter } from './model/store-writer';
import { allowInstalledCurrencies } from './service/allowed-currencies-install';
import { ScopeSettingsWriter } from './service/scope-settings-writer';
import { DefaultStoreManager } from './service/store-manager';
import { StoreScopeResolver } from './service/store-scope-resolver';
import { ConfigStoreSettingsReader } from './service/store-settings-reader';

/** Magento_Store's role: websites, store groups and store views, their base URLs, locale, currency and time zone. */
export default defineModule({
  name: 'Comptoir_Store',
  version: '1.0.0',
  description: 'Websites, store groups and store views; base URLs, locale, currency and time zone per scope',
  services: (bind) => {
    bind(StoreInternal.SnapshotCache).to(StoreSnapshotCache).inSingletonScope();
    bind(StoreInternal.Writer).to(StoreWriter).inSingletonScope();
    bind(StoreInternal.SettingsWriter).to(ScopeSettingsWriter).inSingletonScope();
    bind(StoreApi.StoreRepository).to(SnapshotStoreRepository).inSingletonScope();
    bind(StoreApi.StoreManager).to(DefaultStoreManager).inSingletonScope();
    bind(StoreApi.StoreSettingsReader).to(ConfigStoreSettingsReader).inSingletonScope();
  },
  preferences: [{ for: Kernel.ScopeResolver, type: StoreScopeResolver }],
  graphql: { schema: ['graphql/store.graphqls'], resolvers: storeResolvers },
  rest: storeRoutes,
  migrations: storeMigrations,
  config: storeConfigFields,
  // Magento's ids for Stores > Settings > All Stores, for the admin REST routes that will manage scopes.
  acl: [
    { id: 'Magento_Backend::stores', title: 'Stores' },
    { id: 'Magento_Backend::stores_settings', title: 'Settings', parent: 'Magento_Backend::stores' },
    { id: 'Magento_Backend::store', title: 'All Stores', parent: 'Magento_Backend::stores_settings' },
  ],
  commands: [storeCreateCommand, storeListCommand],
  setup: { install: allowInstalledCurrencies },
});
