export * from './audit-log';
export * from './request-actor';
export * from './tokens';
export * from './audit-context';
