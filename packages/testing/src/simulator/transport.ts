import { listenLoopback, type LoopbackServer } from './http-server';

/** The loopback server of a simulator and the requests in flight, so `close()` leaves nothing running. */
export interface Transport {
  /** The core, counted while in flight. */
  handle(request: Request): Promise<Response>;
  /** The loopback URL while listening. */
  readonly url: string | undefined;
  /** Starts the server (once; a second call joins the first). */
  listen(port: number): Promise<string>;
  /** Ends hangs, waits for requests in flight, stops the server. */
  close(): Promise<void>;
  /** Aborts when `close()` starts (ends hanging requests). */
  closed(): AbortSignal;
}

/** Wraps the core in a transport: in-flight tracking, one loopback server, an orderly close. */
export function createTransport(core: (request: Request) => Promise<Response>): Transport {
  let closer = new AbortController();
  const closed = (): AbortSignal => closer.signal;
  const inFlight = new Set<Promise<Response>>();
  let server: LoopbackServer | undefined;
  // The server being started: a second listen() in the meantime joins it instead of starting another.
  let starting: Promise<LoopbackServer> | undefined;
  const handle = (request: Request): Promise<Response> => {
    const pending = core(request);
    inFlight.add(pending);
    const settle = (): void => {
      inFlight.delete(pending);
    };
    pending.then(settle, settle);
    return pending;
  };
  return {
    handle,
    get url() {
      return server?.url;
    },
    async listen(port) {
      if (server) return server.url;
      starting ??= listenLoopback(handle, port)
        .then((started) => {
          server = started;
          return started;
        })
        .finally(() => {
          starting = undefined;
        });
      return (await starting).url;
    },
    async close() {
      closer.abort();
      closer = new AbortController();
      await Promise.allSettled([...inFlight]);
      const running = server ?? (starting ? await starting.catch(() => undefined) : undefined);
      server = undefined;
      await running?.close();
    },
    closed,
  };
}
