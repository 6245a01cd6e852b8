/**
 * The consumer test (`pnpm test:consumer`, run by `.ci/run`; it needs the npm registry and `pnpm build`):
 * packs every package as it would be published, installs the tarballs with npm into a new project
 * outside the workspace, together with what docs/getting-started.md's install lines name, then
 * typechecks and runs each program of that page as an ES module and as CommonJS. It also runs the
 * `pax8-simulator` bin of the installed `@pax8-sync/testing` with `npx`, as the package's README says.
 */
import { execFileSync, spawn } from 'node:child_process';
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

interface RunningSimulator {
  child: ReturnType<typeof spawn>;
  banner: { url: string; clientId: string; clientSecret: string };
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The process that runs the simulator under npx (npx → sh → node): the deepest of npx's descendants, named pax8-simulator. */
function simulatorProcess(npx: ReturnType<typeof spawn>): number {
  let pid = npx.pid as number;
  for (;;) {
    const children = childProcesses(pid);
    if (children.length === 0) break;
    pid = children[0] as number;
  }
  const command = execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
  if (!command.includes('pax8-simulator')) throw new Error(`npx's last descendant is not the simulator: ${command}`);
  return pid;
}

function childProcesses(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when there is none
  }
}

/** Starts `npx pax8-simulator` in the consumer project and waits for its banner (URL and credentials). */
function startSimulator(args: string[]): Promise<RunningSimulator> {
  const child = spawn('npx', ['--no-install', 'pax8-simulator', ...args], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npx pax8-simulator printed no banner within 60 s:\n${output}`));
    }, 60_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const url = /Pax8 simulator listening on (http:\/\/\S+)/.exec(output)?.[1];
      const clientId = /client id:\s+(\S+)/.exec(output)?.[1];
      const clientSecret = /client secret:\s+(\S+)/.exec(output)?.[1];
      if (url && clientId && clientSecret) {
        clearTimeout(timer);
        resolve({ child, banner: { url, clientId, clientSecret }, exit });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    void exit.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`npx pax8-simulator exited (code ${code}, signal ${signal}) before its banner:\n${output}`));
    });
  });
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

  it('runs `npx pax8-simulator --port 0 --seed 1` from the installed tarball: it serves Pax8 on loopback and stops on SIGTERM with exit code 0', async () => {
    const simulator = await startSimulator(['--port', '0', '--seed', '1']);
    try {
      const { url, clientId, clientSecret } = simulator.banner;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const token = await fetch(`${url}/v1/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: clientId, client_secret: clientSecret, audience: 'https://api.pax8.com', grant_type: 'client_credentials' }),
      });
      expect(token.status).toBe(200);
      const { access_token: accessToken } = (await token.json()) as { access_token: string };
      const companies = await fetch(`${url}/v1/companies?size=5`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(companies.status).toBe(200);
      expect(((await companies.json()) as { content: unknown[] }).content).toHaveLength(5);
    } finally {
      // npx runs the bin through `sh -c`, which neither forwards a SIGTERM sent to npx nor waits: so the
      // signal goes to the simulator's own process (as `kill <its pid>` or a supervisor would), and its
      // exit code comes back through sh and npx.
      process.kill(simulatorProcess(simulator.child), 'SIGTERM');
    }
    expect(await simulator.exit).toEqual({ code: 0, signal: null });
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
