import type { Result } from '../../../electron/shared/result';
import type { RecordHistory } from '../../../electron/shared/schemas/records-views';
import { defineCase, type BenchContext } from '../harness';
import { captureWrites, WriteReplay, type RecordedCall } from '../replay';
import { expectOk } from '../seed';
import { nextOpenVisit, promiseOutcome, type OpenVisit } from '../visit-outcome';

/**
 * Saving a visit's outcome: `records:record` through the dispatcher (schema parse with the
 * cross-field rules, role check, the checks against the database, then one transaction: the
 * record and its staff, the household assessment, the promise, the visit's status, the contact
 * event with the case's markers, the follow-up, three audit rows). Every run records a
 * different planned visit, never one twice.
 *
 * Baseline: the same rows, written with bare prepared statements in one transaction on the
 * plain copy. The writes the app made in run i are captured (SQL and values, not the reads
 * that led to them) and replayed for baseline run i, so the floor follows the feature when it
 * writes more or less; what the ratio shows is encryption, the checks and reads, Kysely, the
 * audit hashing and the dispatcher.
 */
interface State {
  ctx: BenchContext;
  today: string;
  visit: OpenVisit | null;
  lastVisitId: number;
  capture: { stop: () => RecordedCall[] } | null;
  replay: WriteReplay | null;
}

export default defineCase<State>({
  name: 'record a visit',
  about:
    'records:record, a promise-to-pay outcome with situation and follow-up, on a different planned visit each run; baseline: the same rows as bare INSERT/UPDATEs in one transaction, plain copy',
  needs: ['visits', 'visit_records', 'promises', 'follow_ups'],
  target: { figure: 'median', maxMs: 20 },
  iterations: 50,
  warmup: 5,
  quick: { iterations: 10, warmup: 2 },
  setup: (ctx) => ({
    ctx,
    today: ctx.branch.asOf,
    visit: null,
    lastVisitId: 0,
    capture: null,
    replay: null,
  }),
  beforeRun(s) {
    s.visit = nextOpenVisit(s.ctx.branch.app.db, s.lastVisitId);
    if (!s.visit) throw new Error('no planned visit left to record');
    if (s.visit.staffIds.length < 2) throw new Error(`visit ${s.visit.id} has one active staff`);
    s.lastVisitId = s.visit.id;
    s.capture = captureWrites(s.ctx.branch.app.db);
  },
  run: (s) => s.ctx.branch.invoke('records:record', promiseOutcome(s.visit!, s.today)),
  afterRun(s, result) {
    const writes = s.capture!.stop();
    s.capture = null;
    const saved = expectOk(result as Result<RecordHistory>);
    if (saved.effective.visitId !== s.visit!.id) {
      throw new Error(`recorded visit ${saved.effective.visitId}, not ${s.visit!.id}`);
    }
    if (!writes.some((w) => /insert into "?visit_records"?/i.test(w.sql))) {
      throw new Error('no visit_records row among the captured writes');
    }
    // Prepared here, untimed: the baseline times the writes, as the app's cached statements.
    s.replay = new WriteReplay(s.ctx.branch.plain, writes);
  },
  baseline: (s) => s.replay!.replay(),
  afterBaseline(s) {
    const row = s.ctx.branch.plain
      .prepare('SELECT count(*) AS n FROM visit_records WHERE visit_id = ?')
      .get(s.visit!.id) as { n: number };
    if (row.n !== 1) throw new Error(`baseline wrote ${row.n} records for visit ${s.visit!.id}`);
  },
  teardown(s) {
    s.capture?.stop();
  },
});
