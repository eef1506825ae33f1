import { spawn, type ChildProcessByStdio } from 'node:child_process';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../electron/core/audit/chain';
import { enrolWithServer, RemoteDesk } from '../../../electron/core/remote/desk';
import type { Result } from '../../../electron/shared/result';
import { residentId } from '../cases/support';
import { cli } from '../cli/support';
import { expectOk, MANAGER } from '../support/core';
import { addAccountOn, signedInCoreOn } from '../support/desk';
import { engineKinds } from '../support/engines';

/**
 * The branch server killed with -9 in the middle of writes from several desks (issue 20's fault
 * proof). The real `serve` command runs in a child process on a branch set up beforehand; three
 * desks, each with its own staff member signed in, create cases through the desk's own client
 * (remote/desk.ts) as fast as the server answers. Each time every desk has had five more
 * answered, the server is killed with SIGKILL at a moment all three have a call under way, and
 * started again on the same database and port; three times. The desks are not told: their calls
 * fail as unreachable until the server is back, its first answer then says their session is gone
 * (UNAUTHENTICATED), they sign in again and carry on. Then every call is checked against the
 * database: each answered ok is there with its audit row, each refused or never sent is not,
 * each whose answer was lost with the server is there whole or not at all; the audit chain
 * verifies, and SQLite's file passes its integrity check. The branch's key slots use the tests'
 * scrypt cost (made in-process), so the child's sign-ins are cheap without any switch in `serve`.
 */

const root = path.resolve(__dirname, '../../..');
const cliEntry = path.join(root, 'electron/cli/index.ts');
/** Generous: a child that loads the core through tsx on a loaded 2-core machine. */
const START_MS = 120_000;

type Serve = ChildProcessByStdio<null, Readable, Readable>;
const children: Serve[] = [];
afterEach(() => {
  while (children.length) {
    const child = children.pop()!;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

/** `serve` in a child process; resolves once it prints where it listens. */
function startServe(db: string, env: NodeJS.ProcessEnv, port: number) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      cliEntry,
      'serve',
      '--db',
      db,
      '--user',
      'admin',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--json',
    ],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const listening = new Promise<{ url: string; fingerprint: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), START_MS);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = stdout.split('\n')[0]!;
      if (stdout.includes('\n')) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as { url: string; fingerprint: string });
      }
    });
    void exit.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code} before listening: ${stderr}`));
    });
  });
  return { child, listening, exit, stderr: () => stderr };
}

/** What became of one call, as its desk saw it. */
type Outcome =
  | { kind: 'ok'; id: number }
  /** Answered with a refusal: nothing may have been written. */
  | { kind: 'refused'; code: string }
  /** No answer, and the request had gone out: written or not, the desk cannot know. */
  | { kind: 'unknown' }
  /** No answer, and the request never went out. */
  | { kind: 'unsent' };

interface Attempt {
  desk: number;
  name: string;
  outcome: Outcome;
  /**
   * When the call was made: 2k while the server started after the k-th kill was up (0: the
   * first), 2k - 1 between the k-th kill and that restart printing where it listens.
   */
  phase: number;
}

/**
 * The kills, each this many milliseconds after a moment all three desks had a call out: at
 * once, or after a few milliseconds more for the calls to reach the server's transactions.
 */
const KILL_DELAYS_MS = [0, 4, 8];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `done()`, checking every few milliseconds; fails after `ms`. */
async function until(done: () => boolean, what: string, ms = START_MS): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`waited too long for ${what}`);
    await sleep(2);
  }
}

describe.each(engineKinds)('the branch server killed with -9 mid-writes, on %s', (kind) => {
  it('keeps each action whole or absent, the chain verifies, and the desks sign in again by themselves', async () => {
    // The branch: set up in-process (the tests' scrypt cost for its key slots), three staff
    // with accounts and three enrolment codes, then signed out for the server to open it.
    const core = await signedInCoreOn(kind);
    const db = path.join(core.dir, 'visitdesk.db');
    const staff = [];
    for (const [username, role, staffNo] of [
      ['wang.clerk', 'clerk', 'K001'],
      ['li.officer', 'officer', 'C001'],
      ['zhao.officer', 'officer', 'C002'],
    ] as const) {
      const account = await addAccountOn(core, { username, role, staffNo });
      const { code } = expectOk(await core.invoke('desks:createCode', { minutes: 60 }));
      staff.push({ ...account, code });
    }
    await core.app.settle();
    core.app.lock('signOut');
    await core.app.closed();

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LANG: 'en_US.UTF-8',
      VISITDESK_PASSPHRASE: MANAGER.passphrase,
    };
    delete env.VISITDESK_DATABASE_URL;
    if (core.database) {
      // The server's address without the password: the key file beside --db keeps it.
      const address = new URL(core.database.appUrl);
      address.password = '';
      env.VISITDESK_DATABASE_URL = address.toString();
    }

    const first = startServe(db, env, 0);
    const { url, fingerprint } = await first.listening;
    const port = Number(new URL(url).port);

    const desks: ((typeof staff)[number] & {
      remote: RemoteDesk;
      inFlight: boolean;
      answered: number;
      unauthenticated: number;
      signIns: number;
    })[] = [];
    for (const [i, s] of staff.entries()) {
      const remote = new RemoteDesk(
        await enrolWithServer({ address: url, fingerprint, code: s.code, name: `柜台${i + 1}` }),
      );
      desks.push({ ...s, remote, inFlight: false, answered: 0, unauthenticated: 0, signIns: 0 });
    }

    const attempts: Attempt[] = [];
    let phase = 0;
    let stopping = false;
    /** One desk's user at work: a new case each time, signing in whenever signed out. */
    const work = async (d: number) => {
      const desk = desks[d]!;
      for (let n = 0; !stopping; n++) {
        if (!desk.remote.signedIn) {
          const signedIn = await desk.remote.invoke('auth:signIn', {
            username: desk.username,
            passphrase: desk.passphrase,
          });
          if (signedIn.ok) desk.signIns += 1;
          else if (signedIn.error.code === 'SERVER_UNREACHABLE') await sleep(50);
          else throw new Error(`desk ${d} could not sign in: ${signedIn.error.message}`);
          continue;
        }
        const name = `柜台${d + 1}-第${n}户`;
        const sentIn = phase;
        desk.inFlight = true;
        const result = (await desk.remote.invoke('cases:create', {
          name,
          // Born n days after 1960-01-01, sequence by desk: distinct for every call.
          idNumber: residentId(
            new Date(Date.UTC(1960, 0, 1) + n * 86_400_000).toISOString().slice(0, 10),
            101 + d,
          ),
          township: '石桥镇',
          village: '溪口村',
        })) as Result<{ id: number }>;
        desk.inFlight = false;
        let outcome: Outcome;
        if (result.ok) {
          outcome = { kind: 'ok', id: result.data.id };
          desk.answered += 1;
        } else if (result.error.code === 'SERVER_UNREACHABLE') {
          outcome = { kind: result.error.details?.requestSent === true ? 'unknown' : 'unsent' };
        } else {
          outcome = { kind: 'refused', code: result.error.code };
          if (result.error.code === 'UNAUTHENTICATED') desk.unauthenticated += 1;
          else throw new Error(`desk ${d} was refused: ${result.error.message}`);
        }
        attempts.push({ desk: d, name, outcome, phase: sentIn });
        // A user told the server cannot be reached tries again a little later.
        if (outcome.kind === 'unknown' || outcome.kind === 'unsent') await sleep(100);
      }
    };

    let server = first;
    const loops = desks.map((_desk, d) => work(d));
    try {
      const failed = Promise.all(loops).then(() => {
        throw new Error('the desks stopped before they were told to');
      });
      failed.catch(() => {});
      const race = (p: Promise<void>) => Promise.race([p, failed]);
      let answered = desks.map(() => 0);
      for (const delay of KILL_DELAYS_MS) {
        // Five more answered at each desk, then the kill at a moment all three have a call out.
        await race(
          until(
            () => desks.every((desk, d) => desk.answered >= answered[d]! + 5 && desk.inFlight),
            'five answered calls at each desk',
          ),
        );
        await sleep(delay);
        phase += 1;
        server.child.kill('SIGKILL');
        expect(await server.exit).toEqual({ code: null, signal: 'SIGKILL' });
        answered = desks.map((desk) => desk.answered);
        // The same command on the same database and port: the desks' address and pin hold.
        server = startServe(db, env, port);
        expect((await server.listening).fingerprint).toBe(fingerprint);
        phase += 1;
      }
      await race(
        until(
          () => desks.every((desk, d) => desk.answered >= answered[d]! + 5),
          'five answered calls at each desk after the last restart',
        ),
      );
      stopping = true;
      await Promise.all(loops);
    } finally {
      stopping = true;
      for (const desk of desks) desk.remote.close();
    }
    server.child.kill('SIGTERM');
    expect(await server.exit).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toContain('The branch server stopped (SIGTERM)');

    // Each desk signed in once to each server, and was told once by each restarted one that
    // its session was gone: the first call it answered from that desk.
    for (const desk of desks) {
      expect([desk.signIns, desk.unauthenticated]).toEqual([
        KILL_DELAYS_MS.length + 1,
        KILL_DELAYS_MS.length,
      ]);
    }
    const kills = KILL_DELAYS_MS.map((_ms, k) => k + 1);
    // (The new server may answer a moment before the test reads where it listens: phase 2k - 1.)
    const refused = attempts
      .filter((a) => a.outcome.kind === 'refused')
      .map((a) => `desk ${a.desk} after kill ${Math.ceil(a.phase / 2)}`)
      .sort();
    expect(refused).toEqual(
      [0, 1, 2].flatMap((d) => kills.map((k) => `desk ${d} after kill ${k}`)),
    );
    // While a server was up, the only calls left without an answer were those out at its kill,
    // at most one per desk (an answer already on its way when the kill came still arrives);
    // none after the last restart.
    const unanswered = attempts
      .filter((a) => a.phase % 2 === 0 && ['unknown', 'unsent'].includes(a.outcome.kind))
      .map((a) => `desk ${a.desk}, phase ${a.phase}`);
    expect(unanswered).toHaveLength(new Set(unanswered).size);
    for (const a of attempts) {
      if (a.outcome.kind === 'unknown' || a.outcome.kind === 'unsent') {
        expect(a.phase, a.name).toBeLessThan(2 * KILL_DELAYS_MS.length);
      }
    }

    // The whole file and chain first, by the command line's own check.
    const verify = await cli(['verify', '--db', db, '--json'], MANAGER.passphrase, env);
    expect(verify.stderr).toBe('');
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, integrity: 'ok' });

    expectOk(await core.invoke('auth:signIn', MANAGER));
    const engine = core.app.engine.db;
    if (kind === 'sqlite') {
      expect(core.app.db.pragma('integrity_check', { simple: true })).toBe('ok');
    }
    const chain = await verifyChain(engine, kind);
    expect(chain.ok).toBe(true);

    const borrowers = await engine.selectFrom('borrowers').select(['id', 'name']).execute();
    const created = await engine
      .selectFrom('audit_log')
      .select(['entity_id', 'staff_id', 'desk_id'])
      .where('action', '=', 'case.create')
      .execute();
    const byName = new Map(borrowers.map((b) => [b.name, b.id]));
    const auditOf = new Map(created.map((r) => [Number(r.entity_id), r]));
    const deskIds = new Map(
      (await engine.selectFrom('desks').select(['id', 'name']).execute()).map((r) => [
        r.name,
        r.id,
      ]),
    );
    // One audit row per borrower, and no audit row without its borrower.
    expect(created).toHaveLength(borrowers.length);
    expect([...auditOf.keys()].sort((a, b) => a - b)).toEqual(
      borrowers.map((b) => b.id).sort((a, b) => a - b),
    );

    let landedUnknown = 0;
    for (const attempt of attempts) {
      const id = byName.get(attempt.name);
      const { kind: outcome } = attempt.outcome;
      if (outcome === 'ok') {
        expect(id, attempt.name).toBe((attempt.outcome as { id: number }).id);
      } else if (outcome === 'unknown') {
        if (id !== undefined) landedUnknown += 1;
      } else {
        expect(id, `${attempt.name} (${outcome})`).toBeUndefined();
      }
      if (id === undefined) continue;
      // Whole: the row with its audit row, naming the staff member and the desk.
      expect(auditOf.get(id), attempt.name).toMatchObject({
        staff_id: staff[attempt.desk]!.staffId,
        desk_id: deskIds.get(`柜台${attempt.desk + 1}`),
      });
    }
    const count = (outcome: Outcome['kind']) =>
      attempts.filter((a) => a.outcome.kind === outcome).length;
    // Nothing but the desks' calls made a borrower, and each at most once.
    expect(borrowers).toHaveLength(count('ok') + landedUnknown);
    expect(new Set(attempts.map((a) => a.name)).size).toBe(attempts.length);
    // The sign-ins the desks were answered, each audited with its desk; none lost or doubled.
    for (const [i, s] of staff.entries()) {
      const rows = await engine
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'auth.signIn')
        .where('staff_id', '=', s.staffId)
        .where('desk_id', '=', deskIds.get(`柜台${i + 1}`)!)
        .execute();
      expect(rows, s.username).toHaveLength(KILL_DELAYS_MS.length + 1);
    }
  }, 600_000);
});
