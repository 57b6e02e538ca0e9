import type { Command } from 'commander';
import type { CliContext, CommandDeclaration, ServiceLocator } from '../../../app';
import { NoSuchEntityError } from '../../../app';
import { cliActor } from '../../security/api';
import { UserApi } from '../../user/api';
import { TfaApi } from '../api/tokens';
import { TfaInternal } from '../model/tfa-internal-tokens';
import { otpauthUri } from '../totp/otpauth-uri';
import { qrCodeTerminal } from '../service/qr-code';

/**
 * Magento's security:tfa:google:set-secret: the secret becomes the admin's active TOTP secret. The QR code is printed so the
 * admin can scan it at once; nothing else keeps the secret in clear.
 */
export async function tfaGoogleSetSecret(locator: ServiceLocator, username: string, secret: string, out: (line: string) => void, showQr: boolean): Promise<void> {
  const user = await locator.get(UserApi.AdminUserManager).getByUsername(username);
  if (!user) throw new NoSuchEntityError(`Unknown user ${username}`);
  await locator.get(TfaApi.Manager).setGoogleSecret(user.id, secret, cliActor());
  out(`Google Authenticator secret set for user ${username}.`);
  if (showQr) {
    const uri = otpauthUri(await locator.get(TfaInternal.Settings).issuer(), username, secret.replace(/[\s=]/g, '').toUpperCase());
    out('Scan this QR code with the authenticator app:');
    out(await qrCodeTerminal(uri));
  }
}

export function registerTfaGoogleSetSecret(program: Command, ctx: CliContext): void {
  program
    .command('security:tfa:google:set-secret')
    .description('Sets (and activates) the Google Authenticator secret of an admin user: base32, at least 160 bits')
    .argument('<user>', 'admin user name')
    .argument('<secret>', 'base32 secret, e.g. from `openssl rand 20 | base32`')
    .option('--no-qr', 'do not print the QR code')
    .action(async (user: string, secret: string, flags: { qr: boolean }) => {
      await tfaGoogleSetSecret(await ctx.boot(), user, secret, ctx.out, flags.qr);
    });
}

export const tfaGoogleSetSecretCommand: CommandDeclaration = { name: 'security:tfa:google:set-secret', register: registerTfaGoogleSetSecret };
