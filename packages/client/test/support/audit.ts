import { inspect } from 'node:util';
import type { Pax8Logger } from '@pax8-sync/client';

/** The client secret every test client uses: it must never appear in a log line or error. */
export const CLIENT_ID = 'client-id-42';
export const CLIENT_SECRET = 'cs_live_TOPSECRET_4f9a7b';

const lines: string[] = [];
const errors: unknown[] = [];
const issuedTokens: string[] = [];

/** Records a token the fake token endpoint issued (to search for it later). */
export function recordIssuedToken(token: string): void {
  issuedTokens.push(token);
}

/** A pino-shaped logger that keeps every line for the audit. */
export function collectingLogger(): Pax8Logger & { lines: string[] } {
  const own: string[] = [];
  const at = (level: string) => (context: Record<string, unknown>, message: string) => {
    const line = JSON.stringify({ level, message, ...context });
    own.push(line);
    lines.push(line);
  };
  return { lines: own, trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Adds an error caught some other way to the audit. */
export function recordError(error: unknown): void {
  errors.push(error);
}

/** Awaits a promise that must reject; records and returns the error. */
export async function captureError(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    errors.push(error);
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Every rendering of every collected error and log line. */
export function auditedTexts(): string[] {
  const texts = [...lines];
  for (const error of errors) {
    texts.push(String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }));
    if (error instanceof Error) texts.push(error.message, error.stack ?? '');
  }
  return texts;
}

/** Secrets that must not appear: the client secret and every token issued in this file. */
export function auditedSecrets(): string[] {
  return [CLIENT_SECRET, ...issuedTokens];
}

/** Counts of what was collected (to show the audit is not vacuous). */
export function auditCounts(): { lines: number; errors: number; tokens: number } {
  return { lines: lines.length, errors: errors.length, tokens: issuedTokens.length };
}

/** Texts that leak a secret (empty when clean). */
export function leaks(): string[] {
  const secrets = auditedSecrets();
  return auditedTexts().filter((text) => secrets.some((secret) => text.includes(secret)));
}
