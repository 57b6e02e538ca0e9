export * from './sales-entities';
export * from './sales-tables';
export * from './sales-config-paths';
export * from './sales-events';
export * from './totals';
export * from './payment';
export * from './tokens';
