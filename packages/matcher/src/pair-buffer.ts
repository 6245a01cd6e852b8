import type { ScoredPairs } from './scored-pairs';

/** @internal A growable list of scored (left, right) pairs in typed arrays: 16 bytes a pair, no boxing. */
export class PairBuffer {
  private left = new Int32Array(1024);
  private right = new Int32Array(1024);
  private score = new Float64Array(1024);
  private size = 0;

  /** Appends one pair. */
  push(left: number, right: number, score: number): void {
    if (this.size === this.left.length) this.grow();
    this.left[this.size] = left;
    this.right[this.size] = right;
    this.score[this.size] = score;
    this.size++;
  }

  /** The pairs, trimmed to their length (views, not copies). */
  finish(): ScoredPairs {
    return {
      left: this.left.subarray(0, this.size),
      right: this.right.subarray(0, this.size),
      score: this.score.subarray(0, this.size),
      length: this.size,
    };
  }

  private grow(): void {
    const capacity = this.left.length * 2;
    const left = new Int32Array(capacity);
    left.set(this.left);
    const right = new Int32Array(capacity);
    right.set(this.right);
    const score = new Float64Array(capacity);
    score.set(this.score);
    this.left = left;
    this.right = right;
    this.score = score;
  }
}
