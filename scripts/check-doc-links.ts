/**
 * Run by `pnpm run docs` after typedoc: every link of the generated API reference (docs/api) that
 * stays inside it resolves to a file, and every `#anchor` to a heading or member of its page.
 * Exits 1 and lists the broken ones otherwise.
 */
import { join } from 'node:path';
import { brokenLinks } from './docs/check-links';
import { repositoryRoot } from './openapi/snapshot';

const broken = brokenLinks(join(repositoryRoot, 'docs', 'api'));
for (const link of broken) console.error(`docs/api/${link.page}: ${link.href}: ${link.problem}`);
console.log(`docs/api: ${broken.length === 0 ? 'every link resolves' : `${broken.length} broken links`}`);
if (broken.length > 0) process.exitCode = 1;
