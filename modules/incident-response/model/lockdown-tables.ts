export const LockdownTable = {
  /** One row (id 1): the switch every process reads. */
  state: 'security_lockdown',
} as const;
