import { describe, expect, it } from 'vitest';
import { gettingStartedBlocks, importedPackages, installedPackages, packageOf, toCommonJs } from '../consumer/getting-started';

describe('docs/getting-started.md works as written', () => {
  it('its install lines name every package its code imports', () => {
    const installed = installedPackages().map((p) => p.name);
    const imported = importedPackages(gettingStartedBlocks());
    expect(imported.length).toBeGreaterThan(3);
    expect(imported.filter((name) => !installed.includes(name))).toEqual([]);
  });

  it('reads the install lines and the imports as a user would', () => {
    expect(installedPackages('```sh\npnpm add a @s/b pg   # why\npnpm add -D c\nnpm i x\n```')).toEqual([
      { name: 'a', dev: false },
      { name: '@s/b', dev: false },
      { name: 'pg', dev: false },
      { name: 'c', dev: true },
    ]);
    expect(['node:fs', '@pax8-sync/testing/conformance', 'pg/lib/x', './local'].map(packageOf)).toEqual([null, '@pax8-sync/testing', 'pg', null]);
    expect(importedPackages([{ file: 'x.md', line: 1, code: "import a from 'pg';\nimport {\n  b,\n} from '@s/b/sub';\nconst c = 'import d from \"e\"';" }])).toEqual(['@s/b', 'pg']);
  });

  it('a block becomes a CommonJS program: imports first, the rest inside an async main()', () => {
    const cjs = toCommonJs("import a from 'a';\nimport {\n  b,\n} from 'b';\n\nawait a(b);\n");
    expect(cjs).toBe("import a from 'a';\nimport {\n  b,\n} from 'b';\n\nasync function main(): Promise<void> {\nawait a(b);\n}\n\nmain().catch((error: unknown) => {\n  console.error(error);\n  process.exitCode = 1;\n});\n");
  });
});
