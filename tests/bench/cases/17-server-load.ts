import type { RemoteDesk } from '../../../electron/core/remote/desk';
import { addDays } from '../../../electron/shared/dates';
import type { Result } from '../../../electron/shared/result';
import { defineCase, type BenchCase, type BenchContext } from '../harness';
import { BENCH_MANAGER, expectOk } from '../seed';
import {
  formatFigures,
  kindCounts,
  lossFindings,
  observe,
  openVisits,
  runLoad,
  serveOnLoopback,
  tally,
  workingDaysAfter,
  type LoadDesk,
  type LoadRun,
  type LoadWork,
  type ServedBranch,
  type Tally,
} from '../server-load';

/**
 * The branch server (issue 20) on loopback, over the seeded branch: first the same read
 * through the server and in-process, then ten desks calling it at once.
 *
 * `--only server-load` runs the four.
 */

const DESKS = 10;
const LOAD_PASSPHRASE = 'load desk passphrase 2026';

/** The week around the branch's today, and the weeks either side. */
const weeks = (today: string) => {
  const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  return [-7, 0, 7].map((d) => ({ from: addDays(monday, d), to: addDays(monday, d + 6) }));
};

const caseListPages = (ctx: BenchContext) =>
  ctx.branch.manifest.samples.places.map(({ township }) => ({
    asOf: ctx.branch.asOf,
    sort: 'dpd',
    direction: 'desc',
    township,
  }));

// ---- one read, through the server and in-process ------------------------------------------

interface ReadState {
  served: ServedBranch;
  desk: RemoteDesk;
  ctx: BenchContext;
  inputs: readonly unknown[];
}

function serverRead(spec: {
  name: string;
  about: string;
  channel: string;
  inputs: (ctx: BenchContext) => readonly unknown[];
}): BenchCase {
  return defineCase<ReadState>({
    name: `server-load: ${spec.name}, server vs in-process`,
    about: `${spec.about} through the branch server (RemoteDesk over TLS on loopback, the manager signed in at an enrolled desk); baseline: the same call in-process (core.invoke); the ratio is the network, TLS and the server's per-request work`,
    needs: ['desks', 'visits'],
    // Issue 20: reads under 5 ms p95 on loopback. Reported, not asserted.
    target: { figure: 'p95', maxMs: 5 },
    iterations: 200,
    warmup: 10,
    quick: { iterations: 40, warmup: 5 },
    async setup(ctx) {
      const served = await serveOnLoopback(ctx.branch);
      try {
        const desk = await served.desk('基准电脑', BENCH_MANAGER);
        return { served, desk, ctx, inputs: spec.inputs(ctx) };
      } catch (error) {
        await served.close();
        throw error;
      }
    },
    run: (s, i) => s.desk.invoke(spec.channel, s.inputs[i % s.inputs.length]),
    afterRun: (_s, result) => expectOk(result as Result<unknown>),
    baseline: (s, i) =>
      s.ctx.branch.invoke(spec.channel as never, s.inputs[i % s.inputs.length] as never),
    afterBaseline: (_s, result) => expectOk(result as Result<unknown>),
    teardown: (s) => s.served.close(),
  });
}

// ---- ten desks at once -------------------------------------------------------------------

interface LoadState {
  ctx: BenchContext;
  served: ServedBranch;
  calls: number;
  remote: LoadDesk[];
  local: LoadDesk[];
  work: { remote: LoadWork; local: LoadWork };
  before: Tally | null;
}

/** 1,000 calls a desk; 30 at --quick, whose branch has some 150 open visits to record. */
const callsPerDesk = (ctx: BenchContext) => (ctx.quick ? 30 : 1_000);

const loadCase = defineCase<LoadState>({
  name: `server-load: ${DESKS} desks × mixed calls`,
  about: `${DESKS} enrolled desks, each an officer signed in, calling the branch server at once over TLS on loopback, 1,000 calls each (30 at --quick): 60% reads (case list page, calendar week, worklist), 20% visits planned, 20% visits recorded with cash taken and a receipt; then nothing lost (counts, receipt series gapless, audit chain). Baseline: the same mix in-process (core.invoke, the manager), ${DESKS} at once; units: calls`,
  needs: ['desks', 'visits', 'receipts', 'receipt_sequences'],
  units: { label: 'calls', perRun: (ctx) => DESKS * callsPerDesk(ctx) },
  iterations: 1,
  warmup: 0,
  quick: { iterations: 1, warmup: 0 },
  async setup(ctx) {
    const calls = callsPerDesk(ctx);
    const need = kindCounts(calls);
    const db = ctx.branch.app.engine.db;
    const today = ctx.branch.asOf;
    const officers = ctx.branch.manifest.samples.officerIds;
    const pairs = Array.from(
      { length: DESKS },
      (_v, d) =>
        [officers[(2 * d) % officers.length]!, officers[(2 * d + 1) % officers.length]!] as [
          number,
          number,
        ],
    );
    // An account for each desk's officer (the first of its pair), as the manager makes one.
    const usernames = new Map<number, string>();
    for (const [staffId] of pairs) {
      if (usernames.has(staffId)) continue;
      const username = `load.${staffId}`;
      expectOk(
        await ctx.branch.invoke('accounts:create', {
          staffId,
          username,
          passphrase: LOAD_PASSPHRASE,
          confirm: LOAD_PASSPHRASE,
        }),
      );
      usernames.set(staffId, username);
    }
    const visits = await openVisits(db, 2 * DESKS * need.record);
    const borrowers = await db
      .selectFrom('borrowers')
      .select('id')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('loans')
            .select('loans.id')
            .whereRef('loans.borrower_id', '=', 'borrowers.id')
            .where('loans.overdue_since', 'is not', null),
        ),
      )
      .orderBy('id')
      .limit(2 * DESKS * need.plan)
      .execute();
    const days = Math.ceil(need.plan / 6);
    const dates = workingDaysAfter(addDays(today, 7), 2 * days);
    const reads = { caseListInputs: caseListPages(ctx), calendarInputs: weeks(today) };
    const half = <T>(items: readonly T[], second: boolean) =>
      second
        ? items.slice(Math.floor(items.length / 2))
        : items.slice(0, Math.floor(items.length / 2));
    const workOf = (second: boolean): LoadWork => ({
      today,
      borrowerIds: half(
        borrowers.map((b) => b.id),
        second,
      ),
      planDates: second ? dates.slice(days) : dates.slice(0, days),
      openVisits: half(visits, second),
      ...reads,
    });
    const served = await serveOnLoopback(ctx.branch);
    try {
      const remote: LoadDesk[] = [];
      for (const [d, pair] of pairs.entries()) {
        const desk = await served.desk(`柜台 ${d + 1}`, {
          username: usernames.get(pair[0])!,
          passphrase: LOAD_PASSPHRASE,
        });
        remote.push({ call: (channel, payload) => desk.invoke(channel, payload), staffIds: pair });
      }
      const local = pairs.map((pair) => ({
        call: (channel: string, payload: unknown) =>
          ctx.branch.invoke(channel as never, payload as never) as Promise<Result<unknown>>,
        staffIds: pair,
      }));
      return {
        ctx,
        served,
        calls,
        remote,
        local,
        work: { remote: workOf(false), local: workOf(true) },
        before: null,
      };
    } catch (error) {
      await served.close();
      throw error;
    }
  },
  async beforeRun(s) {
    s.before = await tally(s.ctx.branch.app.engine.db);
  },
  run: (s) =>
    runLoad({ desks: s.remote, work: s.work.remote, calls: s.calls, deadlineMs: 30 * 60_000 }),
  afterRun: (s, result) => judge(s, result as LoadRun, 'server'),
  async beforeBaseline(s) {
    s.before = await tally(s.ctx.branch.app.engine.db);
  },
  baseline: (s) =>
    runLoad({ desks: s.local, work: s.work.local, calls: s.calls, deadlineMs: 30 * 60_000 }),
  afterBaseline: (s, result) => judge(s, result as LoadRun, 'in-process'),
  teardown: (s) => s.served.close(),
});

/**
 * Prints the figures, then fails the case when anything was lost, or when a desk's call through
 * the server failed. In-process, calls that failed are printed but do not fail the case: ten
 * callers at once in one process is not how a desk uses its core (see the report).
 */
async function judge(s: LoadState, run: LoadRun, how: 'server' | 'in-process'): Promise<void> {
  console.log(`\n${formatFigures(`${DESKS} desks, ${how}`, run)}`);
  const failed = run.answers.filter((a) => a.outcome === 'failed');
  const seen = await observe(s.ctx.branch.app, run.answers, s.before!);
  const findings = lossFindings(run.answers, seen);
  if (run.notMade) findings.push(`${run.notMade} calls not made before the deadline`);
  if (failed.length && how === 'server') {
    findings.push(`${failed.length} calls failed (${failed[0]!.kind} ${failed[0]!.code})`);
  }
  const issued = seen.series
    .map((x) => `${x.branchCode} ${x.year} ${x.from + 1}–${x.from + x.seqs.length}`)
    .join(', ');
  const grew = (k: 'visits' | 'records' | 'receipts' | 'auditRows') =>
    `${k} +${seen.after[k] - seen.before[k]}`;
  console.log(
    `  written: ${(['visits', 'records', 'receipts', 'auditRows'] as const).map(grew).join(', ')}; receipts issued ${issued || 'none'}; audit chain ${seen.chain.ok ? 'verifies' : 'BREAKS'}; ${findings.length ? 'LOST OR FAILED' : 'nothing lost'}`,
  );
  if (findings.length) throw new Error(`${how}: ${findings.join('; ')}`);
}

export default [
  serverRead({
    name: 'case list page',
    about: 'cases:list by DPD in a township, page 1 and the total',
    channel: 'cases:list',
    inputs: caseListPages,
  }),
  serverRead({
    name: 'case page',
    about: 'cases:get for an overdue borrower (the case page: borrower, loans, timeline)',
    channel: 'cases:get',
    inputs: (ctx) =>
      ctx.branch.manifest.samples.caseBorrowerIds.map((borrowerId) => ({
        borrowerId,
        asOf: ctx.branch.asOf,
      })),
  }),
  serverRead({
    name: 'calendar week',
    about: 'planning:calendar for a week around the branch date, whole branch',
    channel: 'planning:calendar',
    inputs: (ctx) => weeks(ctx.branch.asOf),
  }),
  loadCase,
];
