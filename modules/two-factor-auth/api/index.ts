export * from './tfa-config-paths';
export * from './tfa-events';
export * from './tfa-manager';
export * from './tfa-providers';
export * from './tokens';
export * from './tfa-encrypted-columns';
