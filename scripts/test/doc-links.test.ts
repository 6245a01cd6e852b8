import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenLinks } from '../docs/check-links';

describe('the link check of the generated API reference (pnpm run docs)', () => {
  it('finds missing files, missing anchors and links out of the site; passes good links and other sites', () => {
    const site = mkdtempSync(join(tmpdir(), 'pax8-doc-links-'));
    try {
      mkdirSync(join(site, 'documents'));
      writeFileSync(join(site, 'index.html'), '<a href="documents/a.html#removal">ok</a><a href="documents/a.html#gone">x</a><a href="documents/b.html">x</a><a href="https://example.com/x">ok</a><a href="#top">ok</a><img src="../secret.png"><div id="top"></div>');
      writeFileSync(join(site, 'documents', 'a.html'), '<h2 id="removal">Removal</h2><a href="../index.html">ok</a><a href="../#top">ok</a><a href="../#nope">x</a><a href="media/">x</a>');
      expect(brokenLinks(site)).toEqual([
        { page: 'documents/a.html', href: '../#nope', problem: 'no #nope in index.html' },
        { page: 'documents/a.html', href: 'media/', problem: 'no such file' },
        { page: 'index.html', href: 'documents/a.html#gone', problem: 'no #gone in documents/a.html' },
        { page: 'index.html', href: 'documents/b.html', problem: 'no such file' },
        { page: 'index.html', href: '../secret.png', problem: 'points outside the generated site' },
      ]);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });
});

describe('the API reference names (typedoc plugin scripts/typedoc/package-module-names.mjs)', () => {
  it('a module is named by its package and import subpath, a page by its first heading', async () => {
    const { moduleName, firstHeading } = await import('../typedoc/package-module-names.mjs');
    expect(moduleName('@pax8-sync/core', 'src/index.ts')).toBe('@pax8-sync/core');
    expect(moduleName('@pax8-sync/testing', 'src/conformance/index.ts')).toBe('@pax8-sync/testing/conformance');
    expect(moduleName('@pax8-sync/client', 'src/errors.ts')).toBe('@pax8-sync/client/errors');
    expect(firstHeading('Intro line\n# Getting started\n\n## 1. Install\n')).toBe('Getting started');
    expect(firstHeading('no heading')).toBeUndefined();
  });
});
