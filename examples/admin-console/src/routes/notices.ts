/** The notices a redirect can ask for (`?notice=code&n=number&m=number`): codes, not text, so a link cannot make the page say anything else. */
const notices: Record<string, (n: number, m: number) => string> = {
  saved: () => 'Connection saved.',
  removed: () => 'Integration removed: every synced row of it was deleted from storage. Nothing in Pax8 was changed.',
  'quick-match': (n) => `Companies synced and Quick Match run: ${n} suggestions to review.`,
  accepted: () => 'Suggestion accepted: the company is mapped.',
  'not-pending': () => 'That suggestion was no longer pending: nothing changed.',
  taken: () => 'Not accepted: its PSA company is already mapped to another Pax8 company (see the row). Reject the suggestion, or map the company by hand.',
  rejected: () => 'Suggestion rejected: Quick Match will not suggest that pair again.',
  unmapped: () => 'Mapping removed: the company is unmapped, and Quick Match will not suggest that pair again.',
  'saved-all': (n, m) =>
    m === 0 ? `Saved All: ${n} suggestions confirmed.` : `Saved All: ${n} suggestions confirmed; ${m} left pending, because their PSA company is already mapped to another Pax8 company (see the rows marked).`,
  mapped: () => 'Company mapped.',
  'sync-started': () => 'Sync started.',
  'no-connection': () => 'Connect to Pax8 first.',
  'write-approved': () => 'Change approved: Send approved changes now, or let the outbox send it (at its date, when held).',
  'write-rejected': () => 'Change rejected: nothing is sent to Pax8.',
  'writes-sent': (n, m) => (m === 0 ? `${n} change(s) applied in Pax8.` : `${n} change(s) applied in Pax8; ${m} did not apply (see their state below).`),
};

const count = (value: string | undefined): number => Number(value ?? 0) || 0;

/** The text of a notice code, or `null` for none or an unknown code. */
export function noticeText(code: string | undefined, n: string | undefined, m?: string): string | null {
  const make = code === undefined ? undefined : notices[code];
  return make ? make(count(n), count(m)) : null;
}

/** The query parameters of a notice. */
export function noticeParams(code: string, n?: number, m?: number): Record<string, string | number> {
  return { notice: code, ...(n === undefined ? {} : { n }), ...(m === undefined ? {} : { m }) };
}

/** The query string of a notice. */
export function notice(code: string, n?: number, m?: number): string {
  return new URLSearchParams(Object.entries(noticeParams(code, n, m)).map(([k, v]) => [k, String(v)])).toString();
}
