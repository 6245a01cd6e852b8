import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { WebhookRequestHandler } from './receiver-types';

/** The web-standard request of a Node request (body streamed, not buffered). */
function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url, { method: req.method ?? 'GET', headers, ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}) } as RequestInit);
}

/**
 * Adapts a web-standard handler (`createWebhookReceiver`) to a Node `http` request listener.
 * A handler that throws answers 500 without a body detail.
 * @example
 * http.createServer(toNodeRequestListener(createWebhookReceiver({ storage, codec, onDelivery }))).listen(8080);
 */
export function toNodeRequestListener(handler: WebhookRequestHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void (async () => {
      let response: Response;
      try {
        response = await handler(toRequest(req));
      } catch {
        response = new Response(JSON.stringify({ error: 'internal' }), { status: 500, headers: { 'content-type': 'application/json' } });
      }
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      res.writeHead(response.status, headers);
      res.end(Buffer.from(await response.arrayBuffer()));
      // Whatever the handler left unread is dropped, not buffered.
      if (!req.complete) req.resume();
    })();
  };
}
