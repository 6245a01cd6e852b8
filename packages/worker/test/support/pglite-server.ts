import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

/**
 * Serves one PGlite database to many Postgres clients (pools, child processes) on loopback.
 *
 * PGlite is one session, so this multiplexes: a client's messages run as whole protocol exchanges
 * (everything up to a Sync or a simple Query, in one exclusive call), and while a client has a
 * transaction open only that client's exchanges run. `@electric-sql/pglite-socket` 0.2 queues
 * single messages instead, so two clients' Parse/Bind pairs interleave ("bind message supplies 1
 * parameters, but prepared statement "" requires 2") as soon as graphile-worker runs jobs in
 * parallel. Statement and portal names are prefixed per client (Parse, Bind, Describe, Close), so
 * named prepared statements of different clients do not collide in the one session either.
 * LISTEN/NOTIFY does not reach other clients (graphile-worker falls back to polling), except what a
 * test sends with `notify`.
 */
export interface PgliteServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`. */
  url: string;
  /** Cuts the sockets of the clients that started with this `application_name` (what a server restart does to them); resolves with how many. */
  dropClients(applicationName: string): number;
  /** Sends a notification to the clients that ran `LISTEN` on the channel (a NOTIFY of another session); resolves with how many. */
  notify(channel: string, payload: string): number;
  /** Closes every client and the listener (not the database). */
  close(): Promise<void>;
}

interface Exchange {
  client: Client;
  bytes: Uint8Array;
}

interface Client {
  id: number;
  socket: Socket;
  buffer: Buffer;
  started: boolean;
  pending: Buffer[];
  closed: boolean;
  /** From the startup message. */
  applicationName: string;
  /** Channels of its LISTEN queries (not UNLISTENed since). */
  listening: Set<string>;
}

/** Follows a simple query's LISTEN and UNLISTEN statements in `client.listening`. */
function trackListens(client: Client, raw: Buffer): void {
  const [text] = cstring(raw, 5);
  for (const match of text.matchAll(/\b(UN)?LISTEN\s+"?([^";\s]+)"?/gi)) {
    if (match[1]) client.listening.delete(match[2] as string);
    else client.listening.add(match[2] as string);
  }
}

/** Reads a NUL-terminated string at `offset`: the text and the offset after its NUL. */
function cstring(buffer: Buffer, offset: number): [string, number] {
  const end = buffer.indexOf(0, offset);
  return [buffer.toString('utf8', offset, end), end + 1];
}

function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/** Gives a client's named statements and portals names of their own in the shared session. */
function renamed(client: Client, type: string, raw: Buffer): Buffer {
  const name = (n: string) => (n === '' ? '' : `c${client.id}_${n}`);
  const z = (text: string) => Buffer.from(`${text}\0`, 'utf8');
  const body = raw.subarray(5);
  if (type === 'P') {
    const [statement, rest] = cstring(body, 0);
    return statement === '' ? raw : message('P', Buffer.concat([z(name(statement)), body.subarray(rest)]));
  }
  if (type === 'B') {
    const [portal, afterPortal] = cstring(body, 0);
    const [statement, rest] = cstring(body, afterPortal);
    if (portal === '' && statement === '') return raw;
    return message('B', Buffer.concat([z(name(portal)), z(name(statement)), body.subarray(rest)]));
  }
  if (type === 'D' || type === 'C') {
    const [target] = cstring(body, 1);
    return target === '' ? raw : message(type, Buffer.concat([body.subarray(0, 1), z(name(target))]));
  }
  return raw;
}

/** The `application_name` parameter of a startup message (length, protocol, then name/value pairs). */
function applicationNameOf(startup: Buffer): string {
  let offset = 8;
  while (offset < startup.length && startup[offset] !== 0) {
    const [key, afterKey] = cstring(startup, offset);
    const [value, afterValue] = cstring(startup, afterKey);
    if (key === 'application_name') return value;
    offset = afterValue;
  }
  return '';
}

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

/** Starts the server on 127.0.0.1 (an OS-chosen port). */
export async function servePglite(db: PGlite): Promise<PgliteServer> {
  const queue: Exchange[] = [];
  let owner: Client | null = null;
  let running = false;
  const clients = new Set<Client>();
  let nextId = 0;

  const next = (): Exchange | undefined => {
    if (owner && db.isInTransaction()) {
      const index = queue.findIndex((e) => e.client === owner);
      return index === -1 ? undefined : queue.splice(index, 1)[0];
    }
    return queue.shift();
  };

  // A client that died inside its transaction (kill -9, a dropped socket) has it rolled back before anyone
  // else's statement runs, as Postgres ends a terminated backend's transaction. Checked between exchanges,
  // because the client may die while its own exchange (its BEGIN, say) is still running.
  const rollBackDeadOwner = async () => {
    if (!owner?.closed) return;
    owner = null;
    // Not inside runExclusive: exec takes the same query lock (it deadlocked the server, the old drop's hang).
    if (db.isInTransaction()) await db.exec('ROLLBACK').catch(() => undefined);
  };

  const pump = async () => {
    if (running) return;
    running = true;
    try {
      for (;;) {
        await rollBackDeadOwner();
        const exchange = next();
        if (!exchange) break;
        const { client, bytes } = exchange;
        await db.runExclusive(() =>
          db.execProtocolRawStream(bytes, {
            onRawData: (chunk) => {
              if (!client.closed && client.socket.writable) client.socket.write(Buffer.from(chunk));
            },
          }),
        );
        owner = db.isInTransaction() ? client : null;
      }
    } finally {
      running = false;
    }
  };

  const submit = (client: Client, bytes: Buffer) => {
    queue.push({ client, bytes: new Uint8Array(bytes) });
    void pump();
  };

  const drop = async (client: Client) => {
    if (client.closed) return;
    client.closed = true;
    clients.delete(client);
    for (let i = queue.length - 1; i >= 0; i -= 1) if (queue[i]?.client === client) queue.splice(i, 1);
    // Its open transaction (if it owns one) is rolled back by the pump, in turn with the other exchanges.
    await pump();
  };

  const onData = (client: Client, data: Buffer) => {
    client.buffer = Buffer.concat([client.buffer, data]);
    for (;;) {
      if (!client.started) {
        if (client.buffer.length < 8) return;
        const length = client.buffer.readInt32BE(0);
        if (client.buffer.length < length) return;
        const code = client.buffer.readInt32BE(4);
        const message = client.buffer.subarray(0, length);
        client.buffer = client.buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSS_REQUEST) {
          client.socket.write('N');
          continue;
        }
        client.started = true;
        client.applicationName = applicationNameOf(message);
        submit(client, Buffer.from(message));
        continue;
      }
      if (client.buffer.length < 5) return;
      const length = client.buffer.readInt32BE(1) + 1;
      if (client.buffer.length < length) return;
      const type = String.fromCharCode(client.buffer[0] as number);
      const raw = Buffer.from(client.buffer.subarray(0, length));
      client.buffer = client.buffer.subarray(length);
      if (type === 'X') {
        client.socket.end();
        void drop(client);
        return;
      }
      if (type === 'Q') trackListens(client, raw);
      client.pending.push(renamed(client, type, raw));
      if (type === 'S' || type === 'Q' || type === 'H') {
        submit(client, Buffer.concat(client.pending));
        client.pending = [];
      }
    }
  };

  const server: Server = createServer((socket) => {
    nextId += 1;
    const client: Client = { id: nextId, socket, buffer: Buffer.alloc(0), started: false, pending: [], closed: false, applicationName: '', listening: new Set() };
    clients.add(client);
    socket.setNoDelay(true);
    socket.on('data', (data) => onData(client, data));
    socket.on('error', () => void drop(client));
    socket.on('close', () => void drop(client));
  });
  await db.waitReady;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address !== 'object') throw new Error('the PGlite server has no address');
  return {
    url: `postgres://postgres@127.0.0.1:${address.port}/postgres`,
    dropClients(applicationName) {
      const dropped = [...clients].filter((c) => c.applicationName === applicationName);
      for (const client of dropped) {
        client.socket.destroy();
        void drop(client);
      }
      return dropped.length;
    },
    notify(channel, payload) {
      const body = Buffer.concat([Buffer.alloc(4), Buffer.from(`${channel}\0${payload}\0`, 'utf8')]);
      const listeners = [...clients].filter((c) => c.listening.has(channel) && !c.closed);
      for (const client of listeners) client.socket.write(message('A', body));
      return listeners.length;
    },
    async close() {
      for (const client of clients) client.socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
