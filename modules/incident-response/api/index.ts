export * from './lockdown';
export * from './tokens';
export * from './lockdown-error';
