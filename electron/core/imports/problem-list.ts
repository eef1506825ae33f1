import type { ImportProblem } from '../../shared/schemas/imports';
import { MAX_REPORTED_PROBLEMS } from './limits';

export const MORE_PROBLEMS = 'v.import.moreProblems';

/**
 * The problems of a file, kept up to a bound: the `max` with the lowest lines (what the user
 * fixes first), and a count of the rest. A million bad rows cost a few hundred kilobytes.
 */
export class ProblemList {
  private items: ImportProblem[] = [];
  private dropped = 0;
  /** Once `max` are kept, a problem at this line or later cannot be among them. */
  private cutoff = Infinity;

  constructor(private readonly max = MAX_REPORTED_PROBLEMS) {}

  push(...problems: ImportProblem[]): void {
    for (const p of problems) {
      // Files are read in line order, so past the first `max` problems almost every new one
      // is counted and let go here. A kept one is copied: when the checker's own objects
      // outlive a young-generation collection, V8 starts allocating every later one of them
      // (millions, for a file of bad rows) straight in the old generation, where only full
      // collections free them (measured: 100 MB more at the peak on Node 20 and 24).
      if (p.line >= this.cutoff) this.dropped++;
      else this.items.push({ ...p });
    }
    // Trim in batches, so keeping the lowest lines costs a sort per `max` problems.
    if (this.items.length >= this.max * 2) this.trim();
  }

  private trim(): void {
    this.items.sort((a, b) => a.line - b.line);
    this.dropped += Math.max(0, this.items.length - this.max);
    this.items.length = Math.min(this.items.length, this.max);
    if (this.items.length === this.max) this.cutoff = this.items[this.max - 1]!.line;
  }

  /** Problems found, kept or not. */
  get total(): number {
    return this.items.length + this.dropped;
  }

  /**
   * Sorted by line; when some were left out, a closing entry says how many (line 0, reason
   * `v.import.moreProblems`, the count as detail), which the report writes as "and N more".
   */
  toArray(): ImportProblem[] {
    this.trim();
    const kept = [...this.items];
    if (this.dropped) {
      kept.push({ line: 0, column: '', reason: MORE_PROBLEMS, detail: String(this.dropped) });
    }
    return kept;
  }
}
