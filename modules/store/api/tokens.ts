import { createToken } from '../../../app';
import type { StoreManager } from './store-manager';
import type { StoreRepository } from './store-repository';
import type { StoreSettingsReader } from './store-settings';

/** Service ids other modules ask the container for. The scope resolver itself stays under the kernel's `Kernel.ScopeResolver`. */
export const StoreApi = {
  StoreRepository: createToken<StoreRepository>('Comptoir_Store.StoreRepository'),
  StoreManager: createToken<StoreManager>('Comptoir_Store.StoreManager'),
  StoreSettingsReader: createToken<StoreSettingsReader>('Comptoir_Store.StoreSettingsReader'),
} as const;
