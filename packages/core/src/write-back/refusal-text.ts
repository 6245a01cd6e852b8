import type { Pax8ApiError, Pax8AuthError } from '@pax8-sync/client';
import { Pax8ApiError as ApiError } from '@pax8-sync/client';

/** Pax8's refusal in plain words: its status, message and the message of each detail (never a secret). @internal */
export function refusalText(error: Pax8ApiError | Pax8AuthError): string {
  const details = ApiError.isInstance(error) ? error.details.map((d) => d.message).filter((m): m is string => typeof m === 'string' && m !== '') : [];
  const status = ApiError.isInstance(error) ? `${error.status} ` : '';
  return `Pax8 refused it (${status}${error.message})${details.length > 0 ? `: ${details.join('; ')}` : ''}`;
}

/** A failure in words for an outcome (`Name: message`), bounded. @internal */
export function failureText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown failure';
  return text.slice(0, 500);
}
