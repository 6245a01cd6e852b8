/** The request core's fault step: the answer a fault replaces the route's with, before or after the route ran. */
import type { FaultDecision, Pax8FaultOptions } from './faults';
import { errorBody, type RouteFamily, type RouteResult } from './http';

const SERVER_ERRORS = [500, 502, 503, 504] as const;

/** How a fault ends a request: an answer, a dropped connection, or a wait (then the normal answer). */
export type FaultOutcome = { answer: RouteResult } | { reset: true } | { waitMs: number; thenReset: boolean } | undefined;

/** What a fault before the route does; undefined lets the route run. */
export function faultBefore(decision: FaultDecision, settings: Pax8FaultOptions, family: RouteFamily, instance: string): FaultOutcome {
  switch (decision.kind) {
    case 'reset':
      return { reset: true };
    case 'hang':
      return { waitMs: settings.hangMs ?? 120_000, thenReset: false };
    case 'delay':
      return { waitMs: settings.delayMs ?? 250, thenReset: false };
    case 'rateLimit':
    case 'rateLimitRetryAfter':
      return {
        answer: {
          status: 429,
          body: errorBody(family, 429, 'Too many requests, please slow down', instance),
          ...(decision.kind === 'rateLimitRetryAfter' ? { headers: { 'retry-after': String(settings.retryAfterSeconds ?? 1) } } : {}),
        },
      };
    case 'serverError':
      return { answer: serverError(decision, settings, family, instance) };
    default:
      return undefined;
  }
}

/** What a fault after the route does ("applied, then the answer lost"); undefined sends the route's answer. */
export function faultAfter(decision: FaultDecision, settings: Pax8FaultOptions, family: RouteFamily, instance: string): FaultOutcome {
  switch (decision.kind) {
    case 'resetAfterApply':
      return { reset: true };
    case 'hangAfterApply':
      return { waitMs: settings.hangMs ?? 120_000, thenReset: true };
    case 'serverErrorAfterApply':
      return { answer: serverError(decision, settings, family, instance) };
    default:
      return undefined;
  }
}

function serverError(decision: FaultDecision, settings: Pax8FaultOptions, family: RouteFamily, instance: string): RouteResult {
  const status = settings.serverErrorStatus ?? (SERVER_ERRORS[decision.seed % SERVER_ERRORS.length] as number);
  return { status, body: errorBody(family, status, 'An unexpected error occurred, try again later', instance) };
}
