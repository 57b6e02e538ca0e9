export * from './directory-entities';
export * from './directory-config-paths';
export * from './country-directory';
export * from './tokens';
