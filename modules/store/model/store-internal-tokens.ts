import { createToken } from '../../../app';
import type { StoreSnapshotCache } from './store-snapshot-cache';
import type { StoreWriter } from './store-writer';
import type { ScopeSettingsWriter } from '../service/scope-settings-writer';

/** Services private to this module: bound in its manifest, never imported by other modules (they use api/). */
export const StoreInternal = {
  SnapshotCache: createToken<StoreSnapshotCache>('Comptoir_Store.internal.SnapshotCache'),
  Writer: createToken<StoreWriter>('Comptoir_Store.internal.Writer'),
  SettingsWriter: createToken<ScopeSettingsWriter>('Comptoir_Store.internal.SettingsWriter'),
} as const;
