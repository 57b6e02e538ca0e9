import { createToken } from '../../../app';
import type { CountryDirectory } from './country-directory';

/** Service ids other modules ask the container for. */
export const DirectoryApi = {
  CountryDirectory: createToken<CountryDirectory>('Comptoir_Directory.CountryDirectory'),
} as const;
