import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../electron/shared/contract';
import type { Result } from '../../../electron/shared/result';
import { enrolWithServer, RemoteDesk } from '../../../electron/core/remote/desk';
import {
  createSwitchableDesk,
  reconnectWait,
  type ReconnectClock,
} from '../../../electron/core/remote/switch';
import { startBranchServer, type BranchServer } from '../../../electron/core/server/http';
import { expectError, expectOk, MANAGER, tempDir } from '../support/core';
import { addAccountOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import { branchServerOn } from '../server/support';

/**
 * A desk that loses the branch server and gets it back (issue 20), as its window hears it
 * (remote/switch.ts), over real TLS on loopback: the network between desk and server cut and
 * mended (a TCP relay in between), and the server stopped and started again on the same port
 * and data. The window is told when the server cannot be reached and when it is back
 * (`desks:status`, once per change); the event stream opens again by itself, with the same
 * sign-in after a break in the network and `data:changed` so live views read what they missed;
 * a restarted server has forgotten the session, and the window goes back to sign-in
 * (`app:locked`). The desk's waits run on the real clock cut to 20 ms each, the waits it asked
 * for kept and checked; with the jitter's random number 0 they are 250 ms, 500 ms, 1 s, 2 s,
 * 4 s, then 5 s.
 */

const closers: (() => unknown)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (polling) until `done` holds; fails after 30 s, naming what it waited for. */
async function until(done: () => boolean, what: string) {
  for (let waited = 0; !done(); waited += 20) {
    if (waited > 30_000) throw new Error(`still waiting for ${what}`);
    await sleep(20);
  }
}

/** The waits with random 0, from the first on: half of 0.5 s doubled each time, up to 10 s. */
const waitsFromFirst = (tries: number[]) => tries.map((_, i) => Math.min(5000, 250 * 2 ** i));

/** Real timers, each wait cut to 20 ms; the waits asked for, and the timers not yet run. */
function quickClock() {
  const asked: number[] = [];
  const pending = new Set<ReturnType<typeof setTimeout>>();
  const clock: Partial<ReconnectClock> = {
    random: () => 0,
    setTimer: (run, ms) => {
      asked.push(ms);
      const timer = setTimeout(() => {
        pending.delete(timer);
        run();
      }, 20);
      pending.add(timer);
      return timer;
    },
    clearTimer: (timer) => {
      clearTimeout(timer as ReturnType<typeof setTimeout>);
      pending.delete(timer as ReturnType<typeof setTimeout>);
    },
  };
  return { asked, pending, clock };
}

/**
 * A TCP relay in front of the server's port: the network between a desk and the server, cut
 * (every connection dropped and nothing accepted, as a pulled cable or a switched-off router)
 * and mended on the same port.
 */
async function relay(target: number) {
  const sockets = new Set<net.Socket>();
  let listener: net.Server | null = null;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve, reject) => {
      const server = net.createServer((client) => {
        const upstream = net.connect(target, '127.0.0.1');
        sockets.add(client);
        sockets.add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        for (const socket of [client, upstream]) {
          socket.on('error', drop);
          socket.on('close', drop);
        }
        client.pipe(upstream);
        upstream.pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as net.AddressInfo).port;
        listener = server;
        resolve();
      });
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      const closing = listener;
      listener = null;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (closing) closing.close(() => resolve());
      else resolve();
    });
  await open();
  closers.push(cut);
  return { url: `https://127.0.0.1:${port}`, cut, mend: open };
}

/** A PC whose window is this test: what it was told, in order; this PC's own data never used. */
function newPc(clock: Partial<ReconnectClock>) {
  const dir = tempDir();
  const events: { event: EventName; payload: unknown }[] = [];
  const localCalls: string[] = [];
  const desk = createSwitchableDesk({
    local: async (channel) => {
      localCalls.push(channel);
      return { ok: false, error: { code: 'INTERNAL', message: 'this PC keeps no data' } };
    },
    platform: {},
    connectionFile: path.join(dir, 'branch-server.json'),
    hasLocalData: () => false,
    emit: (event, payload) => events.push({ event, payload }),
    clock,
  });
  closers.push(() => desk.close());
  /** What the window was told from `from` on, the server's own data:changed left out. */
  const told = (from: number) =>
    events
      .slice(from)
      .filter(
        (e) => e.event !== 'data:changed' || (e.payload as { channel: unknown }).channel === null,
      );
  return { desk, events, localCalls, told };
}

const unreachable = { event: 'desks:status', payload: { reachable: false } };
const reachableAgain = { event: 'desks:status', payload: { reachable: true } };
const readAgain = { event: 'data:changed', payload: { channel: null, deskId: null } };
const locked = { event: 'app:locked', payload: { reason: 'serverEnded' } };

/** Another desk with the manager signed in, enrolled straight with the server. */
async function managerDesk(
  core: Awaited<ReturnType<typeof branchServerOn>>['core'],
  server: BranchServer,
  fingerprint: string,
) {
  const { code } = expectOk(await core.invoke('desks:createCode', {}));
  const connection = await enrolWithServer({
    address: server.url,
    fingerprint,
    code,
    name: '经理电脑',
  });
  const desk = new RemoteDesk(connection);
  closers.push(() => desk.close());
  expectOk(await desk.invoke('auth:signIn', MANAGER));
  const holiday = (date: string) =>
    desk.invoke('planning:setHoliday', { date, kind: 'holiday', note: '停业' });
  return { desk, deskId: connection.deskId, holiday };
}

/** The PC joins through `address` and the officer signs in there. */
async function joinAndSignIn(
  pc: ReturnType<typeof newPc>,
  core: Awaited<ReturnType<typeof branchServerOn>>['core'],
  address: string,
  fingerprint: string,
) {
  const { code } = expectOk(await core.invoke('desks:createCode', {}));
  expectOk(
    await pc.desk.invoke('desks:connect', { address, fingerprint, code, name: '柜台二号机' }),
  );
  const officer = await addAccountOn(core, {
    username: 'li.officer',
    role: 'officer',
    staffNo: 'D101',
  });
  return () =>
    pc.desk.invoke('auth:signIn', { username: officer.username, passphrase: officer.passphrase });
}

/**
 * Just signed in: the desk's stream is being opened, and the server sends changes only to the
 * streams it has taken on. Another desk makes changes (a holiday on each of `dates` in turn)
 * until this PC hears one, as the server sent it; the stream is open from then on.
 */
async function streamOpen(
  pc: ReturnType<typeof newPc>,
  other: Awaited<ReturnType<typeof managerDesk>>,
  dates: string[],
) {
  const from = pc.events.length;
  for (const date of dates) {
    expectOk((await other.holiday(date)) as Result<unknown>);
    for (let waited = 0; waited < 1000 && pc.events.length === from; waited += 20) await sleep(20);
    if (pc.events.length > from) break;
  }
  expect(pc.events.slice(from)).toEqual([
    {
      event: 'data:changed',
      payload: { channel: 'planning:setHoliday', deskId: other.deskId },
    },
  ]);
}

/** Another desk's change, heard by this PC's window as the server sent it. */
async function hearsChange(
  pc: ReturnType<typeof newPc>,
  other: Awaited<ReturnType<typeof managerDesk>>,
  date: string,
) {
  const from = pc.events.length;
  expectOk((await other.holiday(date)) as Result<unknown>);
  await until(
    () => pc.events.slice(from).some((e) => e.event === 'data:changed'),
    `the change of ${date}`,
  );
  expect(pc.events.slice(from)).toEqual([
    {
      event: 'data:changed',
      payload: { channel: 'planning:setHoliday', deskId: other.deskId },
    },
  ]);
}

describe('the wait before each try', () => {
  it('doubles from 0.5 s up to 10 s, less up to half of it at random', () => {
    // random 0 takes off half; random just under 1 takes off nearly nothing.
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => reconnectWait(n, 0))).toEqual([
      250, 500, 1000, 2000, 4000, 5000, 5000,
    ]);
    expect([1, 2, 3, 4, 5, 6].map((n) => reconnectWait(n, 0.999))).toEqual([
      500, 1000, 1999, 3998, 7996, 9995,
    ]);
    // Halfway: 0.5 s × 2² = 2 s, of which a quarter (half of the half) is taken off.
    expect(reconnectWait(3, 0.5)).toBe(1500);
    // Far along, still 10 s at most.
    expect(reconnectWait(60, 0.999)).toBe(9995);
    expect(reconnectWait(2000, 0)).toBe(5000);
  });
});

describe('a desk that loses the branch server', () => {
  it('a break in the network: told once each way; signed out it asks by itself, signed in the stream reopens with the same sign-in', async () => {
    const { core, server, certificate } = await branchServerOn('sqlite');
    const line = await relay(Number(new URL(server.url).port));
    const { asked, pending, clock } = quickClock();
    const pc = newPc(clock);
    const signIn = await joinAndSignIn(pc, core, line.url, certificate.fingerprint);
    const other = await managerDesk(core, server, certificate.fingerprint);

    // Signed out: a call finds no server; the desk asks again by itself until it answers.
    await line.cut();
    const failed = expectError(await pc.desk.invoke('auth:state', {}), 'SERVER_UNREACHABLE');
    expect(failed.details).toMatchObject({ requestSent: false });
    expectError(await pc.desk.invoke('auth:state', {}), 'SERVER_UNREACHABLE');
    expect(pc.told(0)).toEqual([unreachable]);
    await until(() => asked.length >= 3, 'three tries');
    await line.mend();
    await until(() => pc.events.length === 2, 'the server back');
    expect(pc.told(0)).toEqual([unreachable, reachableAgain]);
    expect(asked).toEqual(waitsFromFirst(asked));
    expect(pending.size).toBe(0);

    // Signed in: the stream is open (another desk's change is heard).
    expectOk(await signIn());
    await streamOpen(pc, other, ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24']);

    // Cut: the stream is lost; its first try finds no server and the window is told, once.
    const cutAt = pc.events.length;
    const askedBefore = asked.length;
    await line.cut();
    await until(() => pc.events.length > cutAt, 'the window told');
    expect(pc.told(cutAt)).toEqual([unreachable]);
    const unsent = expectError(await pc.desk.invoke('cases:list', {}), 'SERVER_UNREACHABLE');
    expect(unsent.details).toMatchObject({ requestSent: false });
    // Missed while the line is down.
    expectOk((await other.holiday('2026-12-25')) as Result<unknown>);
    await until(() => asked.length >= askedBefore + 4, 'four tries');
    expect(pc.told(cutAt)).toEqual([unreachable]);

    // Mended: the stream opens again by itself; the window hears the server is back and reads
    // again what it missed.
    await line.mend();
    await until(() => pc.told(cutAt).length === 3, 'the stream reopened');
    expect(pc.told(cutAt)).toEqual([unreachable, reachableAgain, readAgain]);
    expect(asked.slice(askedBefore)).toEqual(waitsFromFirst(asked.slice(askedBefore)));
    expect(pending.size).toBe(0);
    // The same sign-in carries on, and another desk's change afterwards is heard.
    expectOk(await pc.desk.invoke('cases:list', {}));
    await hearsChange(pc, other, '2026-12-31');
    expect(pc.events.filter((e) => e.event === 'app:locked')).toEqual([]);
    expect(pc.localCalls).toEqual([]);

    // Closed: no timer left, and no try after.
    pc.desk.close();
    expect(pending.size).toBe(0);
    const triesSoFar = asked.length;
    await line.cut();
    await sleep(300);
    expect(asked.length).toBe(triesSoFar);
  });

  it('closed while it waits to try again: the wait is dropped and nothing more is tried', async () => {
    const { core, server, certificate } = await branchServerOn('sqlite');
    // A clock that runs nothing by itself: what is waiting is seen, and nothing runs.
    const waiting = new Map<number, { run: () => void; ms: number }>();
    let next = 0;
    const pc = newPc({
      random: () => 0,
      setTimer: (run, ms) => {
        next += 1;
        waiting.set(next, { run, ms });
        return next;
      },
      clearTimer: (timer) => waiting.delete(timer as number),
    });
    const signIn = await joinAndSignIn(pc, core, server.url, certificate.fingerprint);
    expectOk(await signIn());
    const other = await managerDesk(core, server, certificate.fingerprint);
    await streamOpen(pc, other, ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24']);

    await server.close();
    await until(() => waiting.size === 1, 'a try waiting');
    expect([...waiting.values()].map((w) => w.ms)).toEqual([250]);
    // The stream had been open: the server is not said to be unreachable before a try fails.
    expect(pc.told(0)).toEqual([]);
    pc.desk.close();
    expect(waiting.size).toBe(0);
  });
});

describe.each(engineKinds)('a branch server restarted, on %s', (kind) => {
  it('unreachable while it is down; back on the same port and data it has forgotten the session: back to sign-in, then live again', async () => {
    const { core, server, certificate } = await branchServerOn(kind);
    const port = Number(new URL(server.url).port);
    const { asked, pending, clock } = quickClock();
    const pc = newPc(clock);
    const signIn = await joinAndSignIn(pc, core, server.url, certificate.fingerprint);
    expectOk(await signIn());
    const other = await managerDesk(core, server, certificate.fingerprint);
    await streamOpen(pc, other, ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24']);

    const stopAt = pc.events.length;
    await server.close();
    await until(() => pc.events.length > stopAt, 'the window told');
    expect(pc.told(stopAt)).toEqual([unreachable]);
    await until(() => asked.length >= 3, 'three tries');

    const again = await startBranchServer({
      app: core.app,
      invoke: core.invoke,
      certificate,
      host: '127.0.0.1',
      port,
    });
    closers.push(() => again.close());
    await until(() => pc.events.length > stopAt + 1, 'the server back');
    // The stream's next try is refused (the session is gone with the old server): the window
    // is told the server is back, then goes to sign-in; nothing waits any more.
    expect(pc.told(stopAt)).toEqual([unreachable, reachableAgain, locked]);
    expect(asked).toEqual(waitsFromFirst(asked));
    expect(pending.size).toBe(0);
    expect(expectOk(await pc.desk.invoke('auth:state', {}))).toMatchObject({ phase: 'locked' });
    expectError(await pc.desk.invoke('cases:list', {}), 'UNAUTHENTICATED');

    // Signed in again (the other desk too): the new stream hears the other desk's changes.
    expectOk(await signIn());
    expectError(await other.desk.invoke('cases:list', {}), 'UNAUTHENTICATED');
    expectOk(await other.desk.invoke('auth:signIn', MANAGER));
    await streamOpen(pc, other, ['2026-12-26', '2026-12-27', '2026-12-28', '2026-12-29']);
    expect(pc.told(stopAt)).toEqual([unreachable, reachableAgain, locked]);
    pc.desk.close();
    expect(pending.size).toBe(0);
  });
});
