import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codeRoot } from '../../app/kernel/paths';

/**
 * A throwaway module that records the admin security events it observes, so a test can check they were dispatched with the
 * right payload. Written to a temp folder and discovered like any module.
 */
export function createTestModuleDirs(): { dirs: string[]; seen: (name: string) => unknown[]; dispose: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-spy-'));
  fs.mkdirSync(path.join(dir, 'admin_event_spy'));
  const events = ['admin_user_create_after', 'admin_user_unlock_after', 'tfa_provider_activate_after', 'tfa_provider_reset_after', 'tfa_recovery_codes_generate_after'];
  const app = path.join(codeRoot, 'app').replace(/\\/g, '/');
  fs.writeFileSync(
    path.join(dir, 'admin_event_spy', 'module.ts'),
    `import { defineModule } from '${app}/module/manifest';
const seen = ((globalThis as any).__adminEvents ??= {});
export default defineModule({
  name: 'Test_AdminEventSpy',
  version: '1.0.0',
  sequence: ['Comptoir_TwoFactorAuth'],
  observers: ${JSON.stringify(events)}.map((event) => ({ event, name: 'spy_' + event, handler: async (payload: unknown) => void (seen[event] ??= []).push(payload) })) as never,
});
`,
  );
  return {
    dirs: [path.join(codeRoot, 'modules'), dir],
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
    seen: (name) => ((globalThis as { __adminEvents?: Record<string, unknown[]> }).__adminEvents ?? {})[name] ?? [] };
}
