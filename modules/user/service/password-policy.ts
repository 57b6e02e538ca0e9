/** AUTH-01: admin passwords are 12 to 128 characters with at least one letter and one digit; the last 4 are not reused. */
export const ADMIN_PASSWORD_MIN = 12;
export const ADMIN_PASSWORD_MAX = 128;
export const ADMIN_PASSWORD_HISTORY = 4;

export function adminPasswordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < ADMIN_PASSWORD_MIN) problems.push(`it must be at least ${ADMIN_PASSWORD_MIN} characters long`);
  if (password.length > ADMIN_PASSWORD_MAX) problems.push(`it must be at most ${ADMIN_PASSWORD_MAX} characters long`);
  if (!/\p{L}/u.test(password)) problems.push('it must contain at least one letter');
  if (!/\p{Nd}/u.test(password)) problems.push('it must contain at least one digit');
  return problems;
}

export function describePasswordProblems(problems: string[]): string {
  return `The password does not meet the admin password rules: ${problems.join('; ')}.`;
}
