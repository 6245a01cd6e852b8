import { Hono } from 'hono';
import type { ResolvedConsoleDeps } from '../console-deps';
import { type ApprovalFormDecision, applyApproval, loadApprovals, sendApprovedNow } from '../sdk/approvals';
import { approvalsView } from '../views/approvals-view';
import { layout } from '../views/layout';
import { notice, noticeText } from './notices';
import { formText, withConnection } from './with-connection';

const actions: readonly ApprovalFormDecision['action'][] = ['approve', 'approve-later', 'reject'];
const isAction = (v: string): v is ApprovalFormDecision['action'] => (actions as readonly string[]).includes(v);

/** The Approvals screen: `GET /approvals`, a decision (`POST /approvals/:intentId`) and Send now (`POST /approvals/send`). */
export function approvalsRoutes(deps: ResolvedConsoleDeps): Hono {
  const app = new Hono();
  const { storage, engine } = deps;
  const page = async (connectionId: string, noticeLine: string | null, status: 200 | 400 = 200) => {
    const body = approvalsView(await loadApprovals(engine, connectionId));
    return { html: layout({ title: 'Approvals', section: 'approvals', notice: noticeLine, body }), status };
  };

  app.get('/approvals', (c) =>
    withConnection(c, storage, async (connection) => {
      const { html } = await page(connection.id, noticeText(c.req.query('notice'), c.req.query('n'), c.req.query('m')));
      return c.html(html);
    }),
  );

  app.post('/approvals/send', (c) =>
    withConnection(c, storage, async (connection) => {
      const { applied, other } = await sendApprovedNow(engine, connection.id);
      return c.redirect(`/approvals?${notice('writes-sent', applied, other)}`, 303);
    }),
  );

  app.post('/approvals/:intentId', (c) =>
    withConnection(c, storage, async (connection) => {
      const body = await c.req.parseBody();
      const action = formText(body, 'action');
      const by = formText(body, 'by').trim();
      const reason = formText(body, 'reason').trim();
      if (!isAction(action) || by === '' || reason === '') {
        const { html } = await page(connection.id, 'Not decided: give your name and a reason, then Approve or Reject.');
        return c.html(html, 400);
      }
      const decided = await applyApproval(engine, connection.id, { intentId: c.req.param('intentId'), action, by, reason });
      return c.redirect(`/approvals?${notice(decided.state === 'failed' ? 'write-rejected' : 'write-approved')}`, 303);
    }),
  );
  return app;
}
