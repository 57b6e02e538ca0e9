import request from 'supertest';
import type { Express } from 'express';
import { createHttpApp } from '../../../app/http/http-app';
import { createTestApp, type TestApp } from '../../../app/testing/test-app';
import { StoreApi } from '../../store/api';
import { DirectoryApi, DirectoryConfigPath } from '../api';

describe('Directory: countries and regions', () => {
  let app: TestApp;
  let web: Express;
  const post = (query: string, store?: string) => {
    const call = request(web).post('/graphql').set('Content-Type', 'application/json');
    if (store) call.set('Store', store);
    return call.send({ query });
  };

  beforeAll(async () => {
    app = await createTestApp({ modules: ['Comptoir_Store', 'Comptoir_Directory'] });
    await app.get(StoreApi.StoreManager).createStoreView({ code: 'fr', name: 'French', settings: { locale: 'fr_FR' } });
    web = createHttpApp(app);
  });
  afterAll(() => app?.close());

  it("installs Magento's 245 countries and the US (1-65) and Canadian (66-78) regions with Magento's ids", async () => {
    const directory = app.get(DirectoryApi.CountryDirectory);
    expect(await directory.listCountries()).toHaveLength(245);
    expect(await directory.getCountry('fr')).toEqual({ id: 'FR', iso2: 'FR', iso3: 'FRA', nameEnglish: 'France' });
    expect(await directory.getRegion(12)).toEqual({ id: 12, countryId: 'US', code: 'CA', name: 'California' });
    expect(await directory.getRegion(57)).toEqual({ id: 57, countryId: 'US', code: 'TX', name: 'Texas' });
    expect(await directory.findRegionByCode('CA', 'qc')).toEqual({ id: 76, countryId: 'CA', code: 'QC', name: 'Quebec' });
    expect(await directory.listRegions('FR')).toEqual([]);
  });

  it('requires a region for the US and Canada only, by id or code, and checks they agree with the country', async () => {
    const directory = app.get(DirectoryApi.CountryDirectory);
    await expect(directory.resolveRegion('US', { regionCode: 'TX' })).resolves.toEqual({ regionId: 57, regionCode: 'TX', region: 'Texas' });
    await expect(directory.resolveRegion('US', { regionId: 12, regionCode: 'CA' })).resolves.toEqual({ regionId: 12, regionCode: 'CA', region: 'California' });
    await expect(directory.resolveRegion('US', {})).rejects.toThrow('"regionId" is required. Enter and try again.');
    await expect(directory.resolveRegion('CA', { regionId: 12 })).rejects.toThrow('Invalid value of "12" provided for the regionId field.');
    await expect(directory.resolveRegion('US', { regionId: 12, regionCode: 'TX' })).rejects.toThrow('The region_id does not match the selected country or region');
    await expect(directory.resolveRegion('US', { regionCode: 'ZZ' })).rejects.toThrow('Invalid value of "ZZ" provided for the region_code field.');
    await expect(directory.resolveRegion('FR', {})).resolves.toEqual({ regionId: null, regionCode: null, region: null });
    await expect(directory.resolveRegion('FR', { region: 'Île-de-France' })).resolves.toEqual({ regionId: null, regionCode: null, region: 'Île-de-France' });
    await expect(directory.resolveRegion('FR', { regionId: 12 })).rejects.toThrow('Invalid value of "12" provided for the regionId field.');
  });

  it('follows general/region/state_required and general/country/optional_zip_countries', async () => {
    const directory = app.get(DirectoryApi.CountryDirectory);
    expect(await directory.isPostcodeOptional('GB')).toBe(true);
    expect(await directory.isPostcodeOptional('US')).toBe(false);
    await app.config.set(DirectoryConfigPath.StateRequired, 'US,CA,FR', { scope: 'stores', code: 'fr' });
    await expect(directory.resolveRegion('FR', {}, 'fr')).rejects.toThrow('"region" is required. Enter and try again.');
    await expect(directory.resolveRegion('FR', {}, 'default')).resolves.toEqual({ regionId: null, regionCode: null, region: null });
    await expect(app.config.set(DirectoryConfigPath.StateRequired, 'US,XX')).rejects.toThrow('"XX" is not a country code of the directory');
  });

  it('answers countries and country(id) over GraphQL, with names in the store view locale', async () => {
    const res = await post('{ country(id: "US") { id two_letter_abbreviation three_letter_abbreviation full_name_english full_name_locale available_regions { id code name } } }', 'fr');
    expect(res.body.errors).toBeUndefined();
    const us = res.body.data.country;
    expect(us).toMatchObject({ id: 'US', two_letter_abbreviation: 'US', three_letter_abbreviation: 'USA', full_name_english: 'United States', full_name_locale: 'États-Unis' });
    expect(us.available_regions).toHaveLength(65);
    expect(us.available_regions[0]).toEqual({ id: 1, code: 'AL', name: 'Alabama' });

    const all = await post('{ countries { id available_regions { id } } }');
    expect(all.body.data.countries).toHaveLength(245);
    expect(all.body.data.countries.find((c: { id: string }) => c.id === 'FR').available_regions).toBeNull();

    const missing = await post('{ country(id: "ZZ") { id } }');
    expect(missing.body.errors).toEqual([expect.objectContaining({ message: "The country isn't available.", extensions: { category: 'graphql-no-such-entity' } })]);
  });
  it('answers its settings in storeConfig per store view (countries_with_required_region, optional_zip_countries, default_country, display_state_if_optional)', async () => {
    const FIELDS = '{ storeConfig { countries_with_required_region optional_zip_countries default_country display_state_if_optional } }';
    expect((await post(FIELDS)).body.data.storeConfig).toEqual({ countries_with_required_region: 'US,CA', optional_zip_countries: 'HK,IE,MO,PA,GB', default_country: 'US', display_state_if_optional: true });
    await app.config.set(DirectoryConfigPath.DefaultCountry, 'fr', { scope: 'stores', code: 'fr' });
    await app.config.set(DirectoryConfigPath.DisplayAllRegions, false, { scope: 'stores', code: 'fr' });
    expect((await post(FIELDS, 'fr')).body.data.storeConfig).toEqual({ countries_with_required_region: 'US,CA,FR', optional_zip_countries: 'HK,IE,MO,PA,GB', default_country: 'FR', display_state_if_optional: false });
    expect((await post(FIELDS)).body.data.storeConfig.default_country).toBe('US');
    await expect(app.config.set(DirectoryConfigPath.DefaultCountry, 'XX')).rejects.toThrow('"XX" is not a country code of the directory');
  });
});
