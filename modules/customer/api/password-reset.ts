/** Magento's initiatePasswordReset / resetPassword, with single-use tokens stored hashed. */
export interface CustomerPasswordReset {
  /**
   * Throttled by Magento_Security's rules (per IP and/or email); queues the reset mail after commit. Answers the same whether
   * or not the email has an account.
   */
  requestReset(email: string, context: { storeCode: string; websiteId: number; ip: string }): Promise<void>;
  /** Sets the new password if the token matches and has not expired; the token is then spent and every API token revoked. */
  resetPassword(email: string, token: string, newPassword: string, websiteId: number): Promise<void>;
}
