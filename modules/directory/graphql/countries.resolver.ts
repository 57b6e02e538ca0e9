import type { GraphQLContext, ResolverMap } from '../../../app';
import { DirectoryConfigPath as P } from '../api/directory-config-paths';
import { NoSuchEntityError } from '../../../app';
import { StoreApi, storeConfigField } from '../../store/api';
import type { Country, Region } from '../api/directory-entities';
import { DirectoryApi } from '../api/tokens';

interface CountryOutput {
  id: string;
  two_letter_abbreviation: string;
  three_letter_abbreviation: string;
  full_name_english: string;
  full_name_locale: string;
  available_regions: Array<{ id: number; code: string; name: string }> | null;
}

async function toOutput(ctx: GraphQLContext, country: Country, locale: string): Promise<CountryOutput> {
  const directory = ctx.get(DirectoryApi.CountryDirectory);
  const regions: Region[] = await directory.listRegions(country.id);
  return {
    id: country.id,
    two_letter_abbreviation: country.iso2,
    three_letter_abbreviation: country.iso3,
    full_name_english: country.nameEnglish,
    full_name_locale: directory.countryName(country.id, locale),
    // Magento answers null, not an empty list, for a country without predefined regions.
    available_regions: regions.length ? regions.map((r) => ({ id: r.id, code: r.code, name: r.name })) : null,
  };
}

async function storeLocale(ctx: GraphQLContext): Promise<string> {
  return (await ctx.get(StoreApi.StoreSettingsReader).forStoreView(ctx.store.storeCode)).locale;
}

export const directoryResolvers: ResolverMap = {
  StoreConfig: {
    // Country lists as Magento writes them: "US,CA".
    countries_with_required_region: storeConfigField(P.StateRequired, (codes: string[]) => codes.join(',')),
    optional_zip_countries: storeConfigField(P.OptionalZipCountries, (codes: string[]) => codes.join(',')),
    default_country: storeConfigField(P.DefaultCountry),
    display_state_if_optional: storeConfigField(P.DisplayAllRegions),
  },
  Query: {
    countries: async (_root: unknown, _args: unknown, ctx: GraphQLContext) => {
      const locale = await storeLocale(ctx);
      const countries = await ctx.get(DirectoryApi.CountryDirectory).listCountries();
      return Promise.all(countries.map((c) => toOutput(ctx, c, locale)));
    },
    country: async (_root: unknown, args: { id?: string | null }, ctx: GraphQLContext) => {
      const country = args.id ? await ctx.get(DirectoryApi.CountryDirectory).getCountry(args.id.trim()) : undefined;
      if (!country) throw new NoSuchEntityError("The country isn't available.");
      return toOutput(ctx, country, await storeLocale(ctx));
    },
  },
};
