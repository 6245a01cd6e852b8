/**
 * The consumer test (`pnpm test:consumer`, run by `.ci/run`; it needs the npm registry and `pnpm build`):
 * packs every package as it would be published, installs the tarballs with npm into a new project
 * outside the workspace, together with what docs/getting-started.md's install lines name, then
 * typechecks and runs each program of that page as an ES module and as CommonJS.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PackedPackage, packWorkspace } from '../packages/pack';
import { GETTING_STARTED, gettingStartedBlocks, installedPackages, toCommonJs } from './getting-started';

const project = mkdtempSync(join(tmpdir(), 'pax8-sync-consumer-'));
const blocks = gettingStartedBlocks();
const programs = blocks.map((block, index) => ({ block, name: `section-${index + 1}-line-${block.line}` }));
let packs: PackedPackage[] = [];

/** The import specifiers of a package's entry points, from its `exports` (`@pax8-sync/testing`, `@pax8-sync/testing/conformance`). */
function entryPoints(pack: PackedPackage): string[] {
  const manifest = JSON.parse(run('node', ['-p', `JSON.stringify(require(${JSON.stringify(`${pack.name}/package.json`)}))`])) as { exports?: Record<string, unknown> };
  return Object.keys(manifest.exports ?? { '.': '' })
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? pack.name : `${pack.name}/${key.slice(2)}`));
}

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in the consumer project:\n${stdout}${stderr}`);
  }
}

beforeAll(() => {
  packs = packWorkspace(join(project, 'tarballs'));
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'pax8-sync-consumer', private: true, version: '0.0.0' }, null, 2)}\n`);
  const tarball = new Map(packs.map((p) => [p.name, p.tarball]));
  // As the page says, with each @pax8-sync package taken from its tarball instead of the registry.
  const spec = (name: string) => tarball.get(name) ?? name;
  const wanted = installedPackages();
  const workspaceOnly = packs.map((p) => p.tarball).filter((t) => !wanted.some((w) => spec(w.name) === t));
  run('npm', ['install', ...wanted.filter((w) => !w.dev).map((w) => spec(w.name)), ...workspaceOnly]);
  run('npm', ['install', '--save-dev', ...wanted.filter((w) => w.dev).map((w) => spec(w.name)), 'typescript@~5.9.3', '@types/node@^20.19.0']);
  mkdirSync(join(project, 'src'));
  for (const { block, name } of programs) {
    writeFileSync(join(project, 'src', `${name}.mts`), `// ${GETTING_STARTED}:${block.line}\n${block.code}\n`);
    writeFileSync(join(project, 'src', `${name}.cts`), `// ${GETTING_STARTED}:${block.line}, as CommonJS\n${toCommonJs(block.code)}`);
  }
  // Every entry point of every package, imported from both module systems: checked with skipLibCheck off,
  // so a broken declaration of ours fails even where the programs do not reach it.
  const entries = packs.flatMap((p) => entryPoints(p).map((entry) => `import type * as _${entry.replace(/\W/g, '_')} from '${entry}';`));
  mkdirSync(join(project, 'declarations'));
  writeFileSync(join(project, 'declarations', 'all.mts'), `${entries.join('\n')}\nexport {};\n`);
  writeFileSync(join(project, 'declarations', 'all.cts'), `${entries.join('\n')}\nexport {};\n`);
  const compilerOptions = { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'], rootDir: 'src', outDir: 'dist' };
  writeFileSync(join(project, 'tsconfig.json'), `${JSON.stringify({ compilerOptions, include: ['src'] }, null, 2)}\n`);
  const declarationOptions = { ...compilerOptions, skipLibCheck: false, noEmit: true, rootDir: 'declarations' };
  writeFileSync(join(project, 'tsconfig.declarations.json'), `${JSON.stringify({ compilerOptions: declarationOptions, include: ['declarations'] }, null, 2)}\n`);
}, 600_000);

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

describe(`a new npm project outside the workspace, with the packed packages and ${GETTING_STARTED}`, () => {
  it('installs every package from its tarball, with workspace:* turned into versions', () => {
    expect(packs.length).toBeGreaterThanOrEqual(7);
    for (const pack of packs) {
      const manifest = JSON.parse(run('node', ['-p', `JSON.stringify(require(${JSON.stringify(`${pack.name}/package.json`)}))`])) as { version: string; dependencies?: Record<string, string> };
      expect(manifest.version).toBe(pack.version);
      expect(Object.values(manifest.dependencies ?? {}).filter((range) => range.startsWith('workspace:'))).toEqual([]);
    }
  });

  it('typechecks every program of the page as an ES module and as CommonJS', () => {
    expect(programs.length).toBeGreaterThanOrEqual(2);
    run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json']);
  });

  it('typechecks the declarations of every entry point of every package, imported as an ES module and as CommonJS', () => {
    run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.declarations.json']);
  });

  for (const { block, name } of programs) {
    it(`${GETTING_STARTED}:${block.line} runs as an ES module`, () => {
      run('node', [join('dist', `${name}.mjs`)]);
    });
    it(`${GETTING_STARTED}:${block.line} runs as CommonJS`, () => {
      run('node', [join('dist', `${name}.cjs`)]);
    });
  }
});
