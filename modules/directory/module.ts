import { defineModule } from '../../app';
import { DirectoryApi } from './api/tokens';
import { directoryConfigFields } from './config/directory-config-fields';
import { directoryResolvers } from './graphql/countries.resolver';
import { directoryMigrations } from './migrations';
import { DefaultCountryDirectory } from './service/country-directory';

/** Magento_Directory's role: ISO 3166 countries, the US and Canadian regions with Magento's ids, and which countries need a region. */
export default defineModule({
  name: 'Comptoir_Directory',
  version: '1.0.0',
  description: 'Countries (ISO 3166-1) and regions with Magento ids; region and postcode requirements per country',
  sequence: ['Comptoir_Store'],
  services: (bind) => {
    bind(DirectoryApi.CountryDirectory).to(DefaultCountryDirectory).inSingletonScope();
  },
  graphql: { schema: ['graphql/directory.graphqls'], resolvers: directoryResolvers },
  migrations: directoryMigrations,
  config: directoryConfigFields,
});
