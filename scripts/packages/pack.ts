import { execFileSync } from 'node:child_process';
import { repositoryRoot } from '../openapi/snapshot';

/** One package of the workspace, packed as npm would publish it. */
export interface PackedPackage {
  /** The package name, e.g. `@pax8-sync/core`. */
  name: string;
  /** Its version. */
  version: string;
  /** Absolute path of the `.tgz`. */
  tarball: string;
  /** The files inside it, relative to the package root. */
  files: string[];
}

/**
 * Packs every package under `packages/` into `destination` with `pnpm pack` (which turns
 * `workspace:*` into versions, as `pnpm publish` does). The packages must be built (`pnpm build`).
 */
export function packWorkspace(destination: string): PackedPackage[] {
  const output = execFileSync('pnpm', ['-r', '--filter', './packages/*', 'pack', '--pack-destination', destination, '--json'], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const parsed = JSON.parse(output) as { name: string; version: string; filename: string; files: { path: string }[] }[] | { name: string; version: string; filename: string; files: { path: string }[] };
  return (Array.isArray(parsed) ? parsed : [parsed])
    .map((p) => ({ name: p.name, version: p.version, tarball: p.filename, files: p.files.map((f) => f.path) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
