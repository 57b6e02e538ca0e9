export * from './acl';
export * from './admin-notifier';
export * from './admin-token';
export * from './admin-user';
export * from './user-config-paths';
export * from './user-events';
export * from './tokens';
