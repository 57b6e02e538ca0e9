import { inject, injectable } from 'inversify';
import { Kernel, type ConfigService, type Database } from '../../../app';
import { InputError } from '../../../app';
import type { CountryDirectory } from '../api/country-directory';
import { DirectoryConfigPath as P } from '../api/directory-config-paths';
import type { Country, Region, RegionInput, ResolvedRegion } from '../api/directory-entities';
import { countryNameIn } from '../model/country-names';
import { DirectorySnapshot } from '../model/directory-snapshot';

@injectable()
export class DefaultCountryDirectory implements CountryDirectory {
  private snapshot: Promise<DirectorySnapshot> | undefined;

  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(Kernel.Config) private readonly config: ConfigService,
  ) {}

  async listCountries(): Promise<Country[]> {
    return (await this.current()).countries;
  }

  async getCountry(id: string): Promise<Country | undefined> {
    return (await this.current()).country(id);
  }

  countryName(id: string, locale: string): string {
    return countryNameIn(id, locale);
  }

  async listRegions(countryId: string): Promise<Region[]> {
    return (await this.current()).regionsOf(countryId);
  }

  async getRegion(id: number): Promise<Region | undefined> {
    return (await this.current()).region(id);
  }

  async findRegionByCode(countryId: string, code: string): Promise<Region | undefined> {
    const wanted = code.trim().toUpperCase();
    return (await this.listRegions(countryId)).find((r) => r.code.toUpperCase() === wanted);
  }

  async isRegionRequired(countryId: string, storeCode?: string): Promise<boolean> {
    return (await this.countryList(P.StateRequired, storeCode)).includes(countryId.toUpperCase());
  }

  async isPostcodeOptional(countryId: string, storeCode?: string): Promise<boolean> {
    return (await this.countryList(P.OptionalZipCountries, storeCode)).includes(countryId.toUpperCase());
  }

  async resolveRegion(countryId: string, input: RegionInput, storeCode?: string): Promise<ResolvedRegion> {
    const country = countryId.toUpperCase();
    const regionId = input.regionId ?? null;
    const code = input.regionCode?.trim() || null;
    const text = input.region?.trim() || null;
    if (text && text.length > 255) throw new InputError('The region name must be at most 255 characters.');
    if (code && code.length > 32) throw new InputError('The region code must be at most 32 characters.');
    const regions = await this.listRegions(country);

    if (!regions.length) {
      // Free text only: a predefined id cannot belong to a country that has none.
      if (regionId !== null) throw new InputError(`Invalid value of "${regionId}" provided for the regionId field.`);
      if (!text && !code && (await this.isRegionRequired(country, storeCode))) throw new InputError('"region" is required. Enter and try again.');
      return { regionId: null, regionCode: code, region: text ?? code };
    }

    let chosen: Region | undefined;
    if (regionId !== null) {
      chosen = await this.getRegion(regionId);
      if (!chosen || chosen.countryId !== country) throw new InputError(`Invalid value of "${regionId}" provided for the regionId field.`);
      if (code && chosen.code.toUpperCase() !== code.toUpperCase()) throw new InputError('The region_id does not match the selected country or region');
    } else if (code) {
      chosen = await this.findRegionByCode(country, code);
      if (!chosen) throw new InputError(`Invalid value of "${code}" provided for the region_code field.`);
    } else if (text) {
      chosen = regions.find((r) => r.name.toLowerCase() === text.toLowerCase());
    }
    if (chosen) return { regionId: chosen.id, regionCode: chosen.code, region: chosen.name };
    if (await this.isRegionRequired(country, storeCode)) throw new InputError('"regionId" is required. Enter and try again.');
    return { regionId: null, regionCode: null, region: text };
  }

  /** Forget the snapshot (a data patch changed the tables). */
  refresh(): void {
    this.snapshot = undefined;
  }

  private current(): Promise<DirectorySnapshot> {
    if (!this.snapshot) {
      this.snapshot = DirectorySnapshot.load(this.db, (id) => countryNameIn(id, 'en_US'));
      this.snapshot.catch(() => (this.snapshot = undefined));
    }
    return this.snapshot;
  }

  private async countryList(path: string, storeCode?: string): Promise<string[]> {
    const value = storeCode ? await this.config.getForStore<string[]>(path, storeCode) : await this.config.get<string[]>(path);
    return value ?? [];
  }
}
