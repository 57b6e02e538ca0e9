/** Security alerts by mail to the active admins other than the one concerned (a new admin, a 2FA change, an unlock…). */
export interface AdminNotifier {
  /** Queues one mail per recipient in the current transaction; returns how many were queued. */
  notifyOtherAdmins(aboutUserId: number | null, subject: string, text: string): Promise<number>;
}
