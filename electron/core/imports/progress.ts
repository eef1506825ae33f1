/** Rows done of a total (0: not known yet), and the phase: check, write, index, done. */
export type ImportProgress = (done: number, total: number, note?: string) => void;

/** At most one progress event in this many milliseconds while rows go by (ten a second). */
export const PROGRESS_EVERY_MS = 100;

/** A phase of at most this many rows reports every row: a small file's bar moves row by row. */
export const EVERY_ROW_UP_TO = 100;

/**
 * Progress for one phase of an import, told row by row and passed on throttled by time: at
 * most one event per PROGRESS_EVERY_MS. A phase told `rowByRow` (writing) also always reports
 * its first and last row, and every row when it has at most EVERY_ROW_UP_TO, so a small file's
 * bar moves from 0 to its row count; the checking phase reports by time only, and nothing in
 * its first EVERY_ROW_UP_TO rows, so a small file's events are its writing's, in order. Told every row, it costs a clock read per row; the
 * window hears ten events a second however large the file.
 */
export class ProgressMeter {
  private last: number;

  constructor(
    private readonly report: ImportProgress,
    private readonly note: string,
    private readonly rowByRow: boolean,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.last = clock();
  }

  /** `done` of `total` rows (total 0 while not known, as while a CSV is still being read). */
  tell(done: number, total: number): void {
    if (!this.rowByRow && done <= EVERY_ROW_UP_TO) return;
    const always =
      this.rowByRow && total > 0 && (done === 0 || done === total || total <= EVERY_ROW_UP_TO);
    const now = this.clock();
    if (!always && now - this.last < PROGRESS_EVERY_MS) return;
    this.last = now;
    this.report(done, total, this.note);
  }
}
