/**
 * The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 6750), or undefined for any other
 * scheme or a malformed value: authentication modules decide what an absent token means.
 */
export function bearerTokenOf(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i.exec(header);
  return match ? match[1] : undefined;
}
