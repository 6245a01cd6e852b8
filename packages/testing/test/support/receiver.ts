import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One delivery a receiver got. */
export interface Received {
  /** Authorization header as sent. */
  authorization: string | undefined;
  /** Parsed JSON body. */
  body: Record<string, unknown> & { payloadData?: Record<string, unknown>; webhookTopic?: { topic: string } };
}

/** A webhook receiver on 127.0.0.1: records every POST and answers as told. */
export interface Receiver {
  /** `http://127.0.0.1:<port>/hooks/pax8`. */
  url: string;
  /** Deliveries in arrival order. */
  received: Received[];
  /** What to answer next: a status, or `'hang'` (no answer until closed). Default 200. */
  answer: (delivery: Received) => number | 'hang';
  /** Stops the server, dropping hung requests. */
  close(): Promise<void>;
}

/** Starts a receiver. */
export async function startReceiver(): Promise<Receiver> {
  const hung: ServerResponse[] = [];
  const receiver: Receiver = { url: '', received: [], answer: () => 200, close: async () => undefined };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const delivery: Received = { authorization: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Received['body'] };
      receiver.received.push(delivery);
      const answer = receiver.answer(delivery);
      if (answer === 'hang') hung.push(res);
      else res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/pax8`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      for (const res of hung) res.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}
