import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Options } from 'tsup';
import { afterAll, describe, expect, it } from 'vitest';
import config from '../tsup.config';
import { bannerFacts, startCli } from './support/cli-process';
import { httpToken } from './support/http-fetch';

const pkgDir = fileURLToPath(new URL('../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[]; dependencies: Record<string, string> };
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
  it('is declared in package.json as a committed bin/ file (so a clean install links it before any build) that loads the cli built from src/cli.ts', () => {
    expect(manifest.bin).toEqual({ 'pax8-simulator': './bin/pax8-simulator.js' });
    expect(manifest.files).toContain('bin');
    expect(readFileSync(join(pkgDir, 'bin/pax8-simulator.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n[\s\S]*'\.\.\/dist\/cli\.js'/);
    expect((packageConfig.entry as Record<string, string>).cli).toBe('src/cli.ts');
    expect(readFileSync(join(pkgDir, 'src/cli.ts'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('says to run pnpm build, and exits 1, when the package is not built', () => {
    const unbuilt = mkdtempSync(join(tmpdir(), 'pax8-simulator-unbuilt-'));
    try {
      mkdirSync(join(unbuilt, 'bin'));
      copyFileSync(join(pkgDir, 'bin/pax8-simulator.js'), join(unbuilt, 'bin/pax8-simulator.js'));
      const run = spawnSync(process.execPath, [join(unbuilt, 'bin/pax8-simulator.js'), '--port', '0'], { encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('dist/cli.js is missing');
      expect(run.stderr).toContain('pnpm build');
    } finally {
      rmSync(unbuilt, { recursive: true, force: true });
    }
  });

  it('builds with the package tsup config, keeps its shebang, and serves when run by its bin name from another project', async () => {
    // The package's own build, cli entry only. The workspace's packages are bundled in because their dist
    // may not be built yet on a fresh clone; a published install resolves them from node_modules instead.
    // The other dependencies stay external, as in the published build.
    const external = Object.keys(manifest.dependencies).filter((name) => !name.startsWith('@pax8-sync/'));
    await build({ ...packageConfig, entry: { cli: join(pkgDir, 'src/cli.ts') }, format: ['esm'], dts: false, sourcemap: false, clean: false, outDir: join(outDir, 'dist'), silent: true, external, noExternal: [/^@pax8-sync\//], config: false });
    expect(readFileSync(join(outDir, 'dist', 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    // The package as installed: bin/ beside dist/; node_modules/.bin/<name> links to the file package.json names.
    const [name, target] = Object.entries(manifest.bin)[0] as [string, string];
    mkdirSync(join(outDir, 'bin'));
    copyFileSync(join(pkgDir, target), join(outDir, target));
    const bin = join(project, 'node_modules', '.bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(join(outDir, target), join(bin, name));

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
