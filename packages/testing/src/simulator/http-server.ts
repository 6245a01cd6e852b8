import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running loopback server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Stops accepting and drops open connections. */
  close(): Promise<void>;
}

async function toRequest(req: IncomingMessage, base: string, signal: AbortSignal): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = req.method ?? 'GET';
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    body = Buffer.concat(chunks);
  }
  return new Request(new URL(req.url ?? '/', base), { method, headers, body: body ? new Uint8Array(body) : null, signal });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(body);
}

/** Serves `handle` over node:http on 127.0.0.1, converting to and from Fetch API types. */
export function listenLoopback(handle: (request: Request) => Promise<Response>, port: number): Promise<LoopbackServer> {
  let base = 'http://127.0.0.1';
  const server: Server = createServer((req, res) => {
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    toRequest(req, base, controller.signal)
      .then(handle)
      .then(async (response) => {
        // A Fetch network error stands for a connection reset: drop the socket without an answer.
        if (response.type === 'error') req.socket.destroy();
        else if (!res.destroyed) await send(res, response);
      })
      .catch((error: unknown) => {
        if (res.headersSent || res.destroyed) return;
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'Internal Server Error', message: `Simulator failure: ${error instanceof Error ? error.message : String(error)}`, instance: req.url ?? '/', status: 500, details: [] }));
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      base = `http://127.0.0.1:${bound}`;
      resolve({
        url: base,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
