import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Options } from 'tsup';
import { afterAll, describe, expect, it } from 'vitest';
import config from '../tsup.config';
import { bannerFacts, startCli } from './support/cli-process';
import { httpToken } from './support/http-fetch';

const pkgDir = fileURLToPath(new URL('../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { bin: Record<string, string>; dependencies: Record<string, string> };
const packageConfig = config as Options;
// Inside the package, so the built bin resolves msw (a dependency) from the package's node_modules.
const outDir = mkdtempSync(join(pkgDir, 'node_modules', '.bin-test-'));
// A project outside the monorepo, where `npx pax8-simulator` would find the bin in node_modules/.bin.
const project = mkdtempSync(join(tmpdir(), 'pax8-simulator-bin-'));

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(project, { recursive: true, force: true });
});

describe('the pax8-simulator bin (issue #10: npx pax8-simulator outside the monorepo)', () => {
  it('is declared in package.json and built from src/cli.ts into the file it names', () => {
    expect(manifest.bin).toEqual({ 'pax8-simulator': './dist/cli.js' });
    expect((packageConfig.entry as Record<string, string>).cli).toBe('src/cli.ts');
    expect(readFileSync(join(pkgDir, 'src/cli.ts'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('builds with the package tsup config, keeps its shebang, and serves when run by its bin name from another project', async () => {
    // The package's own build, cli entry only. The workspace's packages are bundled in because their dist
    // may not be built yet on a fresh clone; a published install resolves them from node_modules instead.
    // The other dependencies stay external, as in the published build.
    const external = Object.keys(manifest.dependencies).filter((name) => !name.startsWith('@pax8-sync/'));
    await build({ ...packageConfig, entry: { cli: join(pkgDir, 'src/cli.ts') }, format: ['esm'], dts: false, sourcemap: false, clean: false, outDir, silent: true, external, noExternal: [/^@pax8-sync\//], config: false });
    const built = join(outDir, 'cli.js');
    expect(readFileSync(built, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    // As npm and pnpm install a bin: node_modules/.bin/<name> links to the file package.json names.
    const bin = join(project, 'node_modules', '.bin');
    mkdirSync(bin, { recursive: true });
    chmodSync(built, 0o755);
    symlinkSync(built, join(bin, Object.keys(manifest.bin)[0] as string));

    const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
    const cli = await startCli('pax8-simulator', ['--port', '0', '--seed', '5', '--companies', '4', '--subscriptions', '12'], { cwd: project, env });
    try {
      const { url, clientId, clientSecret } = bannerFacts(cli.banner);
      expect(cli.banner).toContain('seed 5, 4 companies, 40 products, 12 subscriptions');
      const token = await httpToken(url, { clientId, clientSecret });
      const listing = (await (await fetch(`${url}/v1/subscriptions?size=200`, { headers: { authorization: `Bearer ${token}` } })).json()) as { page: { totalElements: number } };
      expect(listing.page.totalElements).toBe(12);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });
});
