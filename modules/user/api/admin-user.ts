import type { RequestActor } from '../../security/api';

/** An admin user as every API shows it: never the password hash, never 2FA data. */
export interface AdminUser {
  id: number;
  username: string;
  firstname: string;
  lastname: string;
  email: string;
  isActive: boolean;
  /** Set while the account is locked after too many failed sign-ins (AUTH-02). */
  lockExpiresAt: Date | null;
  roleId: number | null;
  roleName: string | null;
  createdAt: Date;
  lastLoginAt: Date | null;
}

export interface CreateAdminUserInput {
  username: string;
  firstname: string;
  lastname: string;
  email: string;
  password: string;
  /** Role name; "Administrators" when omitted. */
  role?: string;
  isActive?: boolean;
}

/**
 * Admin accounts. Every change is validated first, written in one transaction with its audit entry and its event (which sends
 * the alert mail to the other admins).
 */
export interface AdminUserManager {
  create(input: CreateAdminUserInput, actor: RequestActor): Promise<AdminUser>;
  /** Clears the lock and the failure count (admin:user:unlock). */
  unlock(userId: number, actor: RequestActor): Promise<AdminUser>;
  /** AUTH-01 rules and the last 4 passwords; revokes every token of the user (AUTH-05). */
  changePassword(userId: number, newPassword: string, actor: RequestActor): Promise<void>;
  get(userId: number): Promise<AdminUser | undefined>;
  getByUsername(username: string): Promise<AdminUser | undefined>;
  list(): Promise<AdminUser[]>;
}

/**
 * Checks a username and password with the lockout rules (AUTH-02). Failures all get the same message, so nobody learns whether
 * the account exists, is locked or inactive. This is only the first factor: it never yields a token.
 */
export interface AdminCredentialVerifier {
  verify(username: string, password: string, actor: RequestActor): Promise<AdminUser>;
  /** The same check for an already identified admin (step-up re-authentication). */
  verifyUser(userId: number, password: string, actor: RequestActor): Promise<AdminUser>;
}

export const INVALID_CREDENTIALS_MESSAGE = 'The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.';

/** For modules whose tables point at an admin (user_id `int unsigned`, foreign key to admin_user.user_id). */
export const AdminUserTable = { user: 'admin_user', key: 'user_id' } as const;
