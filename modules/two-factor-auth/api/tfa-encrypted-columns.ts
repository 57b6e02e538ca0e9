/**
 * The secrets this module stores encrypted, for key rotation: TOTP secrets in tfa_user_config.google_secret, encrypted with
 * `tfa:google:<user_id>` as associated data.
 */
export const TfaEncryptedColumns: ReadonlyArray<{ table: string; key: string; column: string; aad: (row: Record<string, unknown>) => string }> = [
  { table: 'tfa_user_config', key: 'user_id', column: 'google_secret', aad: (row) => `tfa:google:${String(row.user_id)}` },
];
