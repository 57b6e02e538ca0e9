import { z } from 'zod';
import type { ConfigFieldDeclaration } from '../../../app';
import { UserConfigPath as P } from '../api/user-config-paths';

const int = z.coerce.number().int();
const global: ConfigFieldDeclaration['scopes'] = ['default'];

/** Magento's defaults; the bounds are SECURITY.md's (AUTH-02: never more than 10 failures, at least 30 minutes; AUTH-04: 15 minutes idle). */
export const userConfigFields: Record<string, ConfigFieldDeclaration> = {
  [P.LockoutFailures]: {
    schema: int.min(1).max(10, { error: 'at most 10 failures may be allowed before the account locks' }),
    default: 6,
    scopes: global,
    label: 'Maximum Login Failures to Lockout Account',
  },
  [P.LockoutThreshold]: {
    schema: int.min(30, { error: 'an account must stay locked at least 30 minutes' }).max(10080),
    default: 30,
    scopes: global,
    label: 'Lockout Time (minutes)',
  },
  [P.SessionLifetime]: {
    schema: int.min(60).max(900, { error: 'the admin idle timeout may not exceed 900 seconds' }),
    default: 900,
    scopes: global,
    label: 'Admin Session Lifetime (seconds of inactivity)',
  },
  [P.AdminTokenLifetime]: {
    schema: int.min(1).max(1440),
    default: 60,
    scopes: global,
    label: 'Admin Token Lifetime (minutes)',
  },
  [P.StepUpLifetime]: {
    schema: int.min(30).max(900),
    default: 300,
    scopes: global,
    label: 'Step-up re-authentication validity (seconds)',
  },
};
