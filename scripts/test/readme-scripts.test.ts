import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../openapi/snapshot';

const scripts = Object.keys((JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
/** pnpm's own commands the docs use (`pnpm docs` alone is pnpm's, which is why the README says `pnpm run docs`). */
const PNPM_COMMANDS = new Set(['add', 'install', 'i', 'exec', 'dlx', 'publish', 'pack', 'store', 'why', 'list', 'up', 'update', 'remove']);

/** Pages read from the repository root, whose `pnpm <command>` lines a new user types there. */
const rootPages = [
  'README.md',
  'RELEASING.md',
  'examples/quickstart/README.md',
  ...readdirSync(join(repositoryRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`),
  ...readdirSync(join(repositoryRoot, 'docs', 'guides')).map((f) => `docs/guides/${f}`),
];

/** Every `pnpm <command>` of a text, with `pnpm run <script>` read as the script. */
function pnpmCommands(text: string): string[] {
  return [...text.matchAll(/\bpnpm (?:run )?([a-z][\w:-]*)/g)].map((m) => m[1] ?? '');
}

describe('the commands the README and docs give exist, and the README names every script', () => {
  it('every `pnpm <command>` of the root pages is a script of package.json or pnpm\'s own', () => {
    const unknown = rootPages.flatMap((page) =>
      pnpmCommands(readFileSync(join(repositoryRoot, page), 'utf8'))
        .filter((command) => !scripts.includes(command) && !PNPM_COMMANDS.has(command))
        .map((command) => `${page}: pnpm ${command}`),
    );
    expect(unknown).toEqual([]);
  });

  it('`pnpm docs` is written `pnpm run docs`: alone it is pnpm\'s own command, which opens a website', () => {
    const bare = rootPages.filter((page) => /\bpnpm docs\b(?!`? alone)/.test(readFileSync(join(repositoryRoot, page), 'utf8')));
    expect(bare).toEqual([]);
  });

  it('README.md names every script of package.json', () => {
    const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
    expect(scripts.length).toBeGreaterThan(10);
    expect(scripts.filter((script) => !new RegExp(`(?:pnpm (?:run )?|\`|, )${script.replace(/[:-]/g, '\\$&')}\\b`).test(readme))).toEqual([]);
  });

  it('reads the commands as a user types them', () => {
    expect(pnpmCommands('pnpm install && pnpm quickstart\n`pnpm run docs`, pnpm bench:sync -- --x')).toEqual(['install', 'quickstart', 'docs', 'bench:sync']);
  });
});
