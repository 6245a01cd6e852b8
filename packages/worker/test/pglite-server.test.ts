import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgliteServer, servePglite } from './support/pglite-server';

let db: PGlite;
let server: PgliteServer;

beforeAll(async () => {
  db = await PGlite.create();
  server = await servePglite(db);
  await db.exec('CREATE TABLE dropped_tx (n int)');
});
afterAll(async () => {
  await server.close();
  await db.close();
});

async function clientNamed(applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: server.url, application_name: applicationName });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

describe('the embedded PGlite server ends a dropped client as Postgres ends a terminated backend', () => {
  it('a client dropped while its transaction-opening exchange still runs has that transaction rolled back, and the others go on', async () => {
    const victim = await clientNamed('victim');
    // The exchange opens a transaction and is still running (the sleep) when the socket drops.
    const running = victim.query('BEGIN; INSERT INTO dropped_tx VALUES (1); SELECT pg_sleep(0.3)').catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.dropClients('victim')).toBe(1);
    await running;

    const other = await clientNamed('other');
    try {
      // Before the fix the server kept waiting for the dead client's next statement: this never answered.
      await other.query('INSERT INTO dropped_tx VALUES (2)');
      const { rows } = await other.query<{ n: number }>('SELECT n FROM dropped_tx ORDER BY n');
      expect(rows.map((r) => r.n)).toEqual([2]);
    } finally {
      await other.end();
    }
  });
});
