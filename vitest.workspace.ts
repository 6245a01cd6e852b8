import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProjectInlineConfiguration } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const packages = readdirSync(`${root}packages`);

/**
 * Every `@pax8-sync/*` import resolves to the package's `src/`, so tests run without a build.
 * Subpath exports come first: the first matching alias wins.
 */
const alias = [
  { find: '@pax8-sync/testing/conformance', replacement: `${root}packages/testing/src/conformance/index.ts` },
  ...packages.map((name) => ({ find: new RegExp(`^@pax8-sync/${name}$`), replacement: `${root}packages/${name}/src/index.ts` })),
];

/** The test projects: one per package, the examples, and the repository's own scripts. */
export const projects: TestProjectInlineConfiguration[] = [
  ...packages.map((name) => ({
    resolve: { alias },
    test: {
      name,
      root: `${root}packages/${name}`,
      include: ['test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  })),
  {
    resolve: { alias },
    test: {
      name: 'examples',
      root: `${root}examples`,
      include: ['*/test/**/*.test.ts', '../docs/test/**/*.test.ts'],
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  },
  {
    test: {
      name: 'repo',
      root: `${root}scripts`,
      include: ['test/**/*.test.ts'],
      testTimeout: 120_000,
    },
  },
];

export default projects;
