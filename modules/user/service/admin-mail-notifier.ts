import { UserInternal } from '../model/user-internal-tokens';
import { inject, injectable } from 'inversify';
import { Kernel } from '../../../app';
import type { MailService } from '../../../app/mail/mail-service';
import type { AdminNotifier } from '../api/admin-notifier';
import { AdminUserRepository } from '../model/admin-user-repository';

/** One mail per other active admin, queued in the caller's transaction (sent after commit by the kernel's mail consumer). */
@injectable()
export class AdminMailNotifier implements AdminNotifier {
  constructor(
    @inject(Kernel.Mail) private readonly mail: MailService,
    @inject(UserInternal.Users) private readonly users: AdminUserRepository,
  ) {}

  async notifyOtherAdmins(aboutUserId: number | null, subject: string, text: string): Promise<number> {
    const recipients = await this.users.activeAdmins(aboutUserId);
    for (const admin of recipients) {
      await this.mail.queue({ to: admin.email, subject: `[Security alert] ${subject}`, text: `Hello ${admin.username},\n\n${text}\n\nIf this was not expected, review the audit trail and lock the account at once.` });
    }
    return recipients.length;
  }
}
