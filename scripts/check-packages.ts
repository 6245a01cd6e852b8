/**
 * `pnpm check:packages`: packs every package (as it would be published) and checks each tarball:
 * are-the-types-wrong finds no problem for any entry point under node10, node16 (CJS and ESM) and
 * bundler resolution, the tarball carries its README, LICENSE and built `dist/`, and no file in it
 * names a path of the machine that built it (an error message naming a home folder, or this checkout's path).
 * Needs `pnpm build` first. Exits 1 on any problem.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from './openapi/snapshot';
import { machinePathLines } from './packages/machine-paths';
import { type PackedPackage, packWorkspace } from './packages/pack';

const REQUIRED_FILES = ['package.json', 'README.md', 'LICENSE'];

/** What is missing from a tarball's file list. */
export function missingFiles(pack: PackedPackage): string[] {
  const missing = REQUIRED_FILES.filter((file) => !pack.files.includes(file));
  if (!pack.files.some((file) => file.startsWith('dist/'))) missing.push('dist/ (run `pnpm build` first)');
  return missing;
}

/** Packages whose `license` is not MIT or whose LICENSE file is not the repository's. */
export function licenseProblems(): string[] {
  const license = readFileSync(join(repositoryRoot, 'LICENSE'), 'utf8');
  const problems: string[] = [];
  for (const dir of readdirSync(join(repositoryRoot, 'packages'))) {
    const manifest = join(repositoryRoot, 'packages', dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, license: declared } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; license?: string };
    if (declared !== 'MIT') problems.push(`${name}: package.json says license ${JSON.stringify(declared)}, not "MIT"`);
    const copy = join(repositoryRoot, 'packages', dir, 'LICENSE');
    if (!existsSync(copy) || readFileSync(copy, 'utf8') !== license) problems.push(`${name}: packages/${dir}/LICENSE is not a copy of the repository's LICENSE (cp LICENSE packages/${dir}/)`);
  }
  return problems;
}

/** Lines of the tarball's files that name a machine's path, or this checkout's absolute path. */
export function machinePathsInTarball(pack: PackedPackage, scratch: string): string[] {
  const dir = join(scratch, pack.name.replace(/\W/g, '_'));
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', pack.tarball, '-C', dir]);
  const checkout = { pattern: new RegExp(repositoryRoot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), why: 'the path of the checkout it was built in' };
  return pack.files
    .filter((file) => /\.(?:[cm]?js|d\.[cm]?ts|ts|map|json|md|sql)$/.test(file))
    .flatMap((file) => machinePathLines(`${pack.name}/${file}`, readFileSync(join(dir, 'package', file), 'utf8'), [checkout]));
}

for (const problem of licenseProblems()) console.error(problem);
const destination = mkdtempSync(join(tmpdir(), 'pax8-sync-pack-'));
let problems = licenseProblems().length;
try {
  const packs = packWorkspace(destination);
  for (const pack of packs) {
    const missing = missingFiles(pack);
    if (missing.length > 0) {
      problems += 1;
      console.error(`${pack.name}: the tarball lacks ${missing.join(', ')}`);
    }
    const paths = machinePathsInTarball(pack, join(destination, 'unpacked'));
    if (paths.length > 0) {
      problems += 1;
      console.error(`${pack.name}: the tarball names paths of this machine:\n  ${paths.join('\n  ')}`);
    }
    const attw = join(repositoryRoot, 'node_modules', '.bin', 'attw');
    try {
      execFileSync(attw, [pack.tarball, '--no-definitely-typed', '--format', 'table-flipped', '--no-color'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
      console.log(`${pack.name}@${pack.version}: are-the-types-wrong finds no problem (${pack.files.length} files)`);
    } catch (error) {
      problems += 1;
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      console.error(`${pack.name}@${pack.version}: are-the-types-wrong found problems\n${stdout}${stderr}`);
    }
  }
  console.log(`${packs.length} packages checked, ${problems} with problems`);
} finally {
  rmSync(destination, { recursive: true, force: true });
}
if (problems > 0) process.exitCode = 1;
