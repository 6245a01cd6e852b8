import { h, type Html } from './html';

/** Where a page sits: one of the wizard's three steps, or the management page. */
export type PageSection = 'connect' | 'map' | 'complete' | 'manage' | 'approvals';

/** Options of {@link layout}. */
export interface LayoutOptions {
  /** The page's `<title>` and `<h1>`. */
  title: string;
  /** Highlighted in the navigation. */
  section: PageSection;
  /** A one-line notice (after an action), shown in a live region. */
  notice?: string | null;
  /** The page's content, under the heading. */
  body: Html;
}

const steps: { section: PageSection; label: string; href: string }[] = [
  { section: 'connect', label: '1. Connect', href: '/connect' },
  { section: 'map', label: '2. Map companies', href: '/map' },
  { section: 'complete', label: '3. Complete', href: '/complete' },
];

/** The page around every screen: the wizard's steps, the link to Manage, the notice and the content. */
export function layout(options: LayoutOptions): Html {
  const link = (section: PageSection, label: string, href: string) =>
    section === options.section ? h`<a href="${href}" aria-current="page">${label}</a>` : h`<a href="${href}">${label}</a>`;
  return h`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Pax8 integration</title>
<link rel="stylesheet" href="/assets/console.css">
<script src="/assets/console.js" defer></script>
</head>
<body>
<header class="top">
  <span class="brand">Pax8 integration</span>
  <nav aria-label="Set-up steps"><ol class="steps">${steps.map((s) => h`<li>${link(s.section, s.label, s.href)}</li>`)}</ol></nav>
  <nav aria-label="Integration"><ul class="manage-link"><li>${link('manage', 'Manage', '/manage')}</li><li>${link('approvals', 'Approvals', '/approvals')}</li></ul></nav>
</header>
<main id="main">
<h1>${options.title}</h1>
<div role="status" aria-live="polite" class="notice-region">${options.notice ? h`<p class="notice">${options.notice}</p>` : ''}</div>
${options.body}
</main>
</body>
</html>`;
}
