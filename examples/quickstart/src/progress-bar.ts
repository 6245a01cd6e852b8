/** Where the bar is drawn: stderr, or anything with `write` (tests pass a buffer). */
export interface ProgressStream {
  /** Writes text. */
  write(text: string): unknown;
  /** Whether the stream is a terminal: then the bar redraws in place, otherwise it prints one line per step. */
  isTTY?: boolean;
}

/** A progress bar for one sync: plain ASCII, no dependency; redraws with `\r` on a terminal only. */
export interface ProgressBar {
  /** Shows `done` of `total` pages. */
  update(done: number, total: number): void;
  /** Ends the bar's line. */
  finish(): void;
}

/** Creates a progress bar labelled `label` on `stream`. */
export function createProgressBar(stream: ProgressStream, label: string, width = 30): ProgressBar {
  let last = '';
  return {
    update(done, total) {
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(ratio * width);
      const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} pages`;
      if (line === last) return;
      last = line;
      stream.write(stream.isTTY ? `\r${line}` : `${line}\n`);
    },
    finish() {
      if (stream.isTTY && last !== '') stream.write('\n');
    },
  };
}
