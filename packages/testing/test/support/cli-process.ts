import { spawn } from 'node:child_process';

/** A started simulator CLI: its banner and a stop that resolves with the exit code. */
export interface StartedCli {
  /** Everything printed up to the export line. */
  banner: string;
  /** Sends SIGTERM and waits for the exit. */
  stop(): Promise<number | null>;
}

/** Starts a CLI command and resolves once it printed its banner (or `ready` matched); rejects with its stderr if it exits first. */
export function startCli(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; ready?: RegExp }): Promise<StartedCli> {
  const ready = options.ready ?? /PAX8_CLIENT_SECRET=/;
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out)) {
        resolve({
          banner: out,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`simulator CLI exited (${code}) before printing its URL: ${err}`)));
  });
}

/** Reads URL and credentials from a banner. */
export function bannerFacts(banner: string): { url: string; clientId: string; clientSecret: string } {
  return {
    url: /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] as string,
    clientId: /client id:\s+(\S+)/.exec(banner)?.[1] as string,
    clientSecret: /client secret:\s+(\S+)/.exec(banner)?.[1] as string,
  };
}
