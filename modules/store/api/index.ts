export * from './store-entities';
export * from './store-repository';
export * from './store-manager';
export * from './store-settings';
export * from './store-config-paths';
export * from './store-events';
export * from './tokens';
export * from './store-config-field';
