import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateModule } from '../module-generator';
import { moduleNames } from '../module-names';

const repo = path.resolve(__dirname, '..', '..', '..');

describe('dev:module:create', () => {
  it('derives every spelling of a module name and refuses bad names', () => {
    expect(moduleNames('Acme_GiftCard')).toEqual({ module: 'Acme_GiftCard', folder: 'acme-gift-card', snake: 'acme_gift_card', camel: 'acmeGiftCard', pascal: 'AcmeGiftCard' });
    expect(() => moduleNames('acme-gift')).toThrow(/Invalid module name "acme-gift"/);
  });

  it('scaffolds a module shaped like a core module whose own test passes and which type-checks, right after generation', () => {
    // A scratch project that shares this one's kernel and node_modules, so nothing is written into the repository.
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-scaffold-'));
    try {
      for (const shared of ['app', 'node_modules']) fs.symlinkSync(path.join(repo, shared), path.join(project, shared), 'dir');
      fs.copyFileSync(path.join(repo, 'jest.config.js'), path.join(project, 'jest.config.js'));
      const { dir, files } = generateModule('Acme_Hello', path.join(project, 'modules'));
      expect(dir).toBe(path.join(project, 'modules', 'acme-hello'));
      expect(files.sort()).toEqual(
        [
          'acme-hello/api/index.ts',
          'acme-hello/graphql/greeting.resolvers.ts',
          'acme-hello/graphql/schema.graphqls',
          'acme-hello/migrations/0001-create-config-log.ts',
          'acme-hello/module.ts',
          'acme-hello/observers/record-config-change.observer.ts',
          'acme-hello/plugins/add-punctuation.plugin.ts',
          'acme-hello/service/greeting-service.ts',
          'acme-hello/test/module.test.ts',
        ].sort(),
      );
      expect(() => generateModule('Acme_Hello', path.join(project, 'modules'))).toThrow(/already exists/);

      fs.writeFileSync(
        path.join(project, 'tsconfig.json'),
        JSON.stringify({ extends: path.join(repo, 'tsconfig.json'), include: ['modules'], compilerOptions: { types: ['node', 'jest'], typeRoots: [path.join(repo, 'node_modules', '@types')] } }),
      );
      execFileSync(process.execPath, [path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', project], { cwd: project, stdio: 'pipe' });

      const env = { ...process.env };
      delete env.JEST_WORKER_ID;
      const output = execFileSync(process.execPath, [path.join(repo, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--rootDir', project, 'modules/acme-hello'], {
        cwd: project,
        env,
        stdio: 'pipe',
        encoding: 'utf8',
      }).toString();
      void output;
    } catch (err) {
      const e = err as { stdout?: Buffer | string; stderr?: Buffer | string; message: string };
      throw new Error(`${e.message}\n${String(e.stdout ?? '')}\n${String(e.stderr ?? '')}`);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  }, 180_000);
});
