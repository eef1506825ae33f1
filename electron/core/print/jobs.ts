import crypto from 'node:crypto';
import { AppFailure } from '../../shared/result';
import type { PrintableDocument } from '../../shared/channels/print';

type Documents = PrintableDocument[];

const TTL_MS = 15 * 60_000;

/**
 * Print jobs staged in memory for the hidden print window (never written to disk: they carry
 * borrowers' names and amounts). Cleared on lock.
 */
export class PrintJobs {
  private readonly jobs = new Map<string, { documents: Documents; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  stage(documents: Documents): string {
    this.expire();
    const jobId = crypto.randomUUID();
    this.jobs.set(jobId, { documents, at: this.now() });
    return jobId;
  }

  get(jobId: string): Documents {
    this.expire();
    const job = this.jobs.get(jobId);
    if (!job) throw new AppFailure('NOT_FOUND', 'the print job has expired; print again');
    return job.documents;
  }

  clear(): void {
    this.jobs.clear();
  }

  private expire(): void {
    const cutoff = this.now() - TTL_MS;
    for (const [id, job] of this.jobs) if (job.at < cutoff) this.jobs.delete(id);
  }
}
