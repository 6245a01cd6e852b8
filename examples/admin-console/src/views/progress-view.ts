import type { Pax8SyncEntity } from '@pax8-sync/core';
import type { SyncJob } from '../sdk/sync-jobs';
import { h, type Html } from './html';
import { entityLabel, jobText } from './words';

/** The state of a progress bar as JSON for the browser (one server-sent event). */
export interface ProgressState {
  /** `running`, `finished`, or `idle` (nothing started from this console). */
  state: 'running' | 'finished' | 'idle';
  /** Pages done. */
  done: number;
  /** Pages known. */
  total: number;
  /** The caption. */
  text: string;
  /** The run's outcome once finished (`succeeded`, `flagged`, `failed`, `already-running`, `error`), else `null`. */
  outcome: string | null;
}

/** The progress of a job (or of none), as the bar and its caption show it. */
export function progressState(entity: Pax8SyncEntity, job: SyncJob | undefined, eventIndex?: number): ProgressState {
  if (job === undefined) return { state: 'idle', done: 0, total: 0, text: `${entityLabel[entity]}: not started from this console yet.`, outcome: null };
  const event = eventIndex === undefined ? job.events.at(-1) : job.events[eventIndex];
  const running = eventIndex !== undefined || job.running;
  const outcome = running ? null : job.error !== null ? 'error' : (job.result?.outcome ?? null);
  const done = event?.pagesDone ?? 0;
  const total = event?.pagesTotal ?? 0;
  const text = running ? `${entityLabel[entity]}: page ${done} of ${total}` : jobText(job);
  return { state: running ? 'running' : 'finished', done, total: running ? total : Math.max(total, done), text, outcome };
}

/** A live progress bar: rendered with the current state, then kept up to date by `/progress/:entity` (server-sent events). */
export function progressView(entity: Pax8SyncEntity, job: SyncJob | undefined): Html {
  const state = progressState(entity, job);
  // A finished sync with no pages (nothing to list) is still complete: a full bar of one step.
  const empty = state.state === 'finished' && state.total === 0;
  const max = empty ? 1 : Math.max(state.total, 1);
  const value = empty ? 1 : state.done;
  const id = `progress-${entity}`;
  return h`<div class="progress" data-progress-entity="${entity}" data-state="${state.state}" data-outcome="${state.outcome ?? ''}">
  <label for="${id}" class="progress-label">${entityLabel[entity]} sync</label>
  <progress id="${id}" max="${max}" value="${value}">${state.done} of ${state.total} pages</progress>
  <p class="progress-text" aria-live="polite">${state.text}</p>
  ${state.state === 'running' ? h`<noscript><p><a href="">Refresh</a> to see the progress.</p></noscript>` : ''}
</div>`;
}
