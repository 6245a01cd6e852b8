import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../openapi/snapshot';

/** A copy of the workspace's manifests and changeset config, so `changeset version` can run on it without touching the repository. */
function workspaceCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pax8-sync-release-'));
  for (const file of ['package.json', 'pnpm-workspace.yaml']) cpSync(join(repositoryRoot, file), join(dir, file));
  cpSync(join(repositoryRoot, '.changeset'), join(dir, '.changeset'), { recursive: true });
  for (const group of ['packages', 'examples']) {
    for (const name of readdirSync(join(repositoryRoot, group))) {
      const manifest = join(repositoryRoot, group, name, 'package.json');
      if (!existsSync(manifest)) continue;
      mkdirSync(join(dir, group, name), { recursive: true });
      cpSync(manifest, join(dir, group, name, 'package.json'));
    }
  }
  return dir;
}

const manifest = (dir: string, path: string) => JSON.parse(readFileSync(join(dir, path, 'package.json'), 'utf8')) as { version: string; private?: boolean; dependencies?: Record<string, string> };

describe('the release procedure (changesets, RELEASING.md)', () => {
  const dir = workspaceCopy();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('`changeset version` bumps the changed package, patches its dependents, writes their changelogs and leaves the examples alone', () => {
    writeFileSync(join(dir, '.changeset', 'a-test-change.md'), "---\n'@pax8-sync/client': minor\n---\n\nThe client learned something new.\n");
    const before = manifest(dir, 'packages/client').version;
    execFileSync(process.execPath, [join(repositoryRoot, 'node_modules', '@changesets', 'cli', 'bin.js'), 'version'], { cwd: dir, stdio: 'pipe' });
    const [major, minor] = before.split('.').map(Number) as [number, number];
    expect(manifest(dir, 'packages/client').version).toBe(major === 0 ? `0.${minor + 1}.0` : `${major}.${minor + 1}.0`);
    expect(readFileSync(join(dir, 'packages/client/CHANGELOG.md'), 'utf8')).toContain('- The client learned something new.');
    // core depends on the client: patched, its range still workspace:* (pnpm publish writes the version).
    const core = manifest(dir, 'packages/core');
    expect(core.version).not.toBe(manifest(repositoryRoot, 'packages/core').version);
    expect(core.dependencies?.['@pax8-sync/client']).toBe('workspace:*');
    for (const name of readdirSync(join(dir, 'examples'))) {
      expect(manifest(dir, `examples/${name}`).version, `examples/${name} is private and not released`).toBe(manifest(repositoryRoot, `examples/${name}`).version);
      expect(existsSync(join(dir, 'examples', name, 'CHANGELOG.md'))).toBe(false);
    }
    expect(existsSync(join(dir, '.changeset', 'a-test-change.md'))).toBe(false);
  });

  it('`pnpm release` builds, checks the tarballs, and publishes with pnpm (which turns workspace:* into versions)', () => {
    const scripts = (JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.changeset).toBe('changeset');
    expect(scripts.release).toBe('pnpm build && pnpm check:packages && changeset publish');
    const config = JSON.parse(readFileSync(join(repositoryRoot, '.changeset', 'config.json'), 'utf8')) as { access: string; privatePackages: unknown };
    expect(config).toMatchObject({ access: 'public', privatePackages: { version: false, tag: false } });
    expect(readFileSync(join(repositoryRoot, 'RELEASING.md'), 'utf8')).toMatch(/pnpm changeset[\s\S]*pnpm version-packages[\s\S]*pnpm release/);
  });
});
