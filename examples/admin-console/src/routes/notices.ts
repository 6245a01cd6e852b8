/** The notices a redirect can ask for (`?notice=code&n=number`): codes, not text, so a link cannot make the page say anything else. */
const notices: Record<string, (n: number) => string> = {
  saved: () => 'Connection saved.',
  removed: () => 'Integration removed: every synced row of it was deleted from storage. Nothing in Pax8 was changed.',
  'quick-match': (n) => `Companies synced and Quick Match run: ${n} suggestions to review.`,
  accepted: () => 'Suggestion accepted: the company is mapped.',
  'not-pending': () => 'That suggestion was no longer pending: nothing changed.',
  rejected: () => 'Suggestion rejected: Quick Match will not suggest that pair again.',
  'saved-all': (n) => `Saved All: ${n} suggestions confirmed.`,
  mapped: () => 'Company mapped.',
  'sync-started': () => 'Sync started.',
  'no-connection': () => 'Connect to Pax8 first.',
};

/** The text of a notice code, or `null` for none or an unknown code. */
export function noticeText(code: string | undefined, n: string | undefined): string | null {
  const make = code === undefined ? undefined : notices[code];
  return make ? make(Number(n ?? 0) || 0) : null;
}

/** The query string of a notice. */
export function notice(code: string, n?: number): string {
  return `notice=${encodeURIComponent(code)}${n === undefined ? '' : `&n=${n}`}`;
}
