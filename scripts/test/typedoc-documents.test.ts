import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../openapi/snapshot';

const typedoc = JSON.parse(readFileSync(join(repositoryRoot, 'typedoc.json'), 'utf8')) as { projectDocuments: string[] };

/** Every hand-written page under docs/ (the generated docs/api/ and the docs' own tests aside). */
function docsPages(dir = join(repositoryRoot, 'docs')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['api', 'test'].includes(entry.name) && dir.endsWith('docs') ? [] : docsPages(path);
    return entry.name.endsWith('.md') ? [relative(repositoryRoot, path)] : [];
  });
}

/**
 * Pages the API reference cannot carry yet, each with the link that keeps it out (typedoc, whose
 * warnings are errors, links files and refuses a folder). Each entry must still have that link: once
 * it is fixed the entry fails here, and the page goes into typedoc.json's projectDocuments.
 */
const WAITING: ReadonlyArray<{ page: string; link: string; owner: string }> = [];

/** The relative links of a markdown page (not other sites, not anchors of the page itself), with the line each is on. */
function relativeLinks(page: string): { line: number; target: string }[] {
  const lines = readFileSync(join(repositoryRoot, page), 'utf8').split('\n');
  let fenced = false;
  return lines.flatMap((text, index) => {
    if (/^\s*```/.test(text)) fenced = !fenced;
    if (fenced) return [];
    return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
      .map((m) => m[1] ?? '')
      .filter((target) => !/^(?:[a-z]+:|#)/i.test(target))
      .map((target) => ({ line: index + 1, target }));
  });
}

/** Why a relative link of `page` does not lead to a file of the repository (undefined when it does). */
function linkProblem(page: string, target: string): string | undefined {
  const path = resolve(repositoryRoot, dirname(page), decodeURIComponent(target.split('#')[0] ?? ''));
  if (!path.startsWith(repositoryRoot)) return 'points outside the repository';
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 'no such file';
  return stat.isFile() ? undefined : 'a folder, not a file (typedoc copies files only: link its README.md)';
}

const problems = (page: string) => relativeLinks(page).flatMap(({ line, target }) => {
  const problem = linkProblem(page, target);
  return problem ? [`${page}:${line}: ${target}: ${problem}`] : [];
});

describe('the pages the API reference carries (typedoc.json projectDocuments)', () => {
  it('every page under docs/ is carried, or waits for one named link to be fixed', () => {
    const pages = docsPages();
    expect(pages).toEqual(expect.arrayContaining(['docs/README.md', 'docs/getting-started.md', 'docs/concepts.md', 'docs/troubleshooting.md', 'docs/guides/production.md']));
    const waiting = WAITING.map((w) => w.page);
    expect(pages.filter((page) => !typedoc.projectDocuments.includes(page) && !waiting.includes(page))).toEqual([]);
    expect(typedoc.projectDocuments.filter((page) => waiting.includes(page)), 'a page both carried and waiting').toEqual([]);
  });

  it('a page waits only while its named link is still broken; fixed, it goes into projectDocuments', () => {
    for (const { page, link, owner } of WAITING) {
      const links = relativeLinks(page).filter((l) => l.target === link);
      expect(links.length, `${page} no longer links ${link}: add it to typedoc.json's projectDocuments and drop it from WAITING`).toBeGreaterThan(0);
      expect(problems(page).length, `${page}: ${owner}`).toBeGreaterThan(0);
    }
  });

  it('every relative link of every carried page leads to a file of the repository', () => {
    for (const page of typedoc.projectDocuments) expect(statSync(join(repositoryRoot, page), { throwIfNoEntry: false })?.isFile(), page).toBe(true);
    expect(typedoc.projectDocuments.flatMap(problems)).toEqual([]);
  });

  it('the link reader finds relative links, skips other sites, anchors and code, and names folders', () => {
    expect(relativeLinks('docs/guides/running-at-scale.md').length).toBeGreaterThan(0);
    expect(linkProblem('docs/guides/x.md', '../../examples/quickstart')).toMatch(/^a folder/);
    expect(linkProblem('docs/guides/x.md', '../../examples/quickstart/README.md#run-it')).toBeUndefined();
    expect(linkProblem('docs/x.md', '../../elsewhere.md')).toBe('points outside the repository');
    expect(linkProblem('docs/x.md', 'nope.md')).toBe('no such file');
  });
});
