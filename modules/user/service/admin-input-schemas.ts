import { z } from 'zod';

/** Field rules shared by the CLI, the REST routes and the installer, so each refuses the same things with the same words. */
export const usernameSchema = z
  .string()
  .trim()
  .min(1, { error: 'the user name must not be empty' })
  .max(40, { error: 'the user name must be at most 40 characters' })
  .regex(/^[\p{L}\p{N}._@-]+$/u, { error: 'the user name may contain letters, digits, ".", "_", "@" and "-" only' });
export const nameSchema = (what: string) => z.string().trim().min(1, { error: `the ${what} must not be empty` }).max(32, { error: `the ${what} must be at most 32 characters` });
export const emailSchema = z.email({ error: 'the email is not a valid email address' }).max(128, { error: 'the email must be at most 128 characters' });
export const roleNameSchema = z.string().trim().min(1, { error: 'the role name must not be empty' }).max(50, { error: 'the role name must be at most 50 characters' });
