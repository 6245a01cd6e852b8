import { defineConfig, type Options } from 'tsup';

/**
 * The one tsup configuration every package builds with: ESM + CJS + declarations for each entry.
 * @param entry - map of output name to source file, e.g. `{ index: 'src/index.ts' }`.
 */
export function packageBuild(entry: Record<string, string> = { index: 'src/index.ts' }): Options {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    treeshake: true,
  }) as Options;
}
