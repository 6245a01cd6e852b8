import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** A link in the generated HTML that does not resolve. */
export interface BrokenLink {
  /** The page, relative to the site root. */
  page: string;
  /** The link as written. */
  href: string;
  /** Why it does not resolve. */
  problem: string;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFiles(path) : name.endsWith('.html') ? [path] : [];
  });
}

const anchorsCache = new Map<string, Set<string>>();
function anchorsOf(file: string): Set<string> {
  let anchors = anchorsCache.get(file);
  if (!anchors) {
    anchors = new Set([...readFileSync(file, 'utf8').matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1] ?? ''));
    anchorsCache.set(file, anchors);
  }
  return anchors;
}

/**
 * Every `href` and `src` of every HTML page under `site` that points inside the site and does not
 * resolve: a missing file, or an `#anchor` the target page does not have. Links to other sites are
 * not followed (the check runs offline).
 */
export function brokenLinks(site: string): BrokenLink[] {
  const broken: BrokenLink[] = [];
  anchorsCache.clear();
  for (const page of htmlFiles(site)) {
    const html = readFileSync(page, 'utf8');
    for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const href = (match[1] ?? '').replaceAll('&amp;', '&');
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
      const [path = '', anchor] = href.split('#');
      const resolved = path === '' ? page : resolve(dirname(page), decodeURIComponent(path.split('?')[0] ?? ''));
      // A folder link is served as its index.html, as a browser and any static host do.
      const target = existsSync(resolved) && statSync(resolved).isDirectory() && existsSync(join(resolved, 'index.html')) ? join(resolved, 'index.html') : resolved;
      const at = relative(site, page);
      if (relative(site, target).startsWith('..')) broken.push({ page: at, href, problem: 'points outside the generated site' });
      else if (!existsSync(target) || statSync(target).isDirectory()) broken.push({ page: at, href, problem: 'no such file' });
      else if (anchor && target.endsWith('.html') && !anchorsOf(target).has(decodeURIComponent(anchor))) broken.push({ page: at, href, problem: `no #${anchor} in ${relative(site, target)}` });
    }
  }
  return broken;
}
