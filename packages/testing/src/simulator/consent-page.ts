/** The consent step's HTML: a login (which partner account) and Accept / Decline, as a plain form a test can post. */

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What the page shows. */
export interface ConsentPage {
  /** Form action (the consent path). */
  action: string;
  /** Transaction id, posted back as `transaction`. */
  transaction: string;
  /** Application name. */
  application: string;
  /** Scopes asked. */
  scope: string[];
  /** Accounts to log in as (`account` field), the preselected one first in `selected`. */
  accounts: { id: string; name: string }[];
  /** Preselected account id. */
  selected: string | undefined;
}

/** Renders the consent page. Field names: `transaction`, `account` (an account id), `decision` (`approve` | `deny`). */
export function consentPage(page: ConsentPage): string {
  const options = page.accounts.map((a) => `<option value="${escapeHtml(a.id)}"${a.id === page.selected ? ' selected' : ''}>${escapeHtml(a.name)}</option>`).join('');
  return [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>Authorize ${escapeHtml(page.application)}</title></head><body>`,
    `<h1>${escapeHtml(page.application)} wants to access your Pax8 account</h1>`,
    `<ul>${page.scope.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`,
    `<form method="post" action="${escapeHtml(page.action)}">`,
    `<input type="hidden" name="transaction" value="${escapeHtml(page.transaction)}">`,
    `<label for="account">Partner account</label><select id="account" name="account">${options}</select>`,
    '<button type="submit" name="decision" value="approve">Accept</button>',
    '<button type="submit" name="decision" value="deny">Decline</button>',
    '</form></body></html>',
  ].join('\n');
}

/** A plain error page, for requests that cannot be sent back to the application (unknown client, bad redirect URI). */
export function errorPage(error: string, description: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(error)}</title></head><body><h1>${escapeHtml(error)}</h1><p>${escapeHtml(description)}</p></body></html>`;
}
