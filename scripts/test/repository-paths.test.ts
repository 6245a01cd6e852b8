import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../openapi/snapshot';
import { machinePathLines, machinePathsIn } from '../packages/machine-paths';

/** Folders that are built, installed or generated, never written by hand (as .gitignore says). */
const GENERATED = new Set(['.git', 'node_modules', 'dist', 'coverage', '.generated', '.pax8-sync']);
const GENERATED_PATHS = ['docs/api/'];

/** The repository's files as git sees them (tracked, and new ones not ignored); a walk when there is no git. */
function repositoryFiles(): string[] {
  try {
    const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repositoryRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return listed.split('\0').filter((file) => file !== '' && statSync(join(repositoryRoot, file), { throwIfNoEntry: false })?.isFile());
  } catch {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        if (GENERATED.has(entry.name)) return [];
        const path = join(dir, entry.name);
        return entry.isDirectory() ? walk(path) : [relative(repositoryRoot, path)];
      });
    return walk(repositoryRoot).filter((file) => !GENERATED_PATHS.some((prefix) => file.startsWith(prefix)));
  }
}

/**
 * The `shared` folder CI puts beside the clone may be named only where it is read or explained:
 * the snapshot generator, its test, the snapshot's README, the README's CI paragraph and `.ci/run`.
 */
const SHARED = /\.\.\/shared\b/;
const MAY_NAME_SHARED = ['.ci/run', 'README.md', 'openapi/README.md', 'scripts/openapi-snapshot.ts', 'scripts/openapi/snapshot.ts', 'scripts/test/openapi-snapshot.test.ts'];

const TEXT = /\.(?:[cm]?[jt]sx?|json|md|ya?ml|sql|sh|html|css|txt)$|(?:^|\/)(?:run|postgres|LICENSE|SHA256SUMS|\.gitignore)$/;

describe('no file of the repository names a path outside it (error messages, docs, scripts)', () => {
  const files = repositoryFiles().filter((file) => TEXT.test(file) && file !== 'pnpm-lock.yaml');

  it('finds the sources, tests, docs and scripts it checks', () => {
    for (const expected of ['packages/client/src/index.ts', 'packages/storage-postgres/src/index.ts', 'examples/quickstart/src/main.ts', 'docs/getting-started.md', '.ci/run', 'scripts/openapi/snapshot.ts']) {
      expect(files).toContain(expected);
    }
    expect(files.length).toBeGreaterThan(200);
  });

  it('no machine path, no notes folder, and the shared folder beside the clone only where CI reads it', () => {
    const found = files.flatMap((file) => {
      const shared = MAY_NAME_SHARED.includes(file) ? [] : [{ pattern: SHARED, why: 'names the shared folder beside the repository, which a clone does not have' }];
      return machinePathLines(file, readFileSync(join(repositoryRoot, file), 'utf8'), shared);
    });
    expect(found).toEqual([]);
  });

  it('the patterns catch what the issue found, and pass URLs and the repository\'s own paths', () => {
    const caught = machinePathsIn;
    // Put together here, so that this file does not hold what it looks for.
    const path = (...parts: string[]) => parts.join('/');
    expect(caught(`throw new Error(\`this test needs ${path('', 'work', 'shared', 'x.json')} (see ${path('notes', 'common.md')})\`);`)).toEqual(['an absolute path of some machine', 'a notes/ folder the repository does not have']);
    expect(caught(`open ${['C:', 'Users', 'me'].join('\\')}`)).toEqual(['a Windows absolute path']);
    expect(caught(`const home = '${path('', 'home', 'dev', 'pax8-sync')}';`)).toEqual(['an absolute path of some machine']);
    expect(SHARED.test(`read ${path('..', 'shared', 'pax8-openapi')}`)).toBe(true);
    for (const fine of ['https://api.pax8.com/v1/companies', 'see https://example.com/home/page', 'packages/core/src/notes-field.ts', 'docs/release-notes/x.md', 'openapi/README.md', 'join(tmpdir(), "x")']) {
      expect(caught(fine), fine).toEqual([]);
    }
  });
});
