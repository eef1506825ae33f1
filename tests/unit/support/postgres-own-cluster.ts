import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { startCluster, stopCluster, type Cluster } from '../../tools/postgres-cluster.mjs';
import { withDatabase } from './postgres';

/**
 * A PostgreSQL cluster of a test's own (tests/tools/postgres-cluster.mjs), for the fault tests
 * that kill the server, fill its disk or clone it: doing that to the suite's shared cluster
 * would break the test files running beside them. Everything it made (the server, a replica,
 * tmpfs mounts) goes with `stop()`.
 *
 * Unlike the shared cluster it commits synchronously (`synchronous_commit = on`): a commit
 * then reaches the kernel before it is acknowledged, so a server killed afterwards keeps it,
 * as a real server does. (fsync stays off: the machine itself never crashes here.)
 */
export interface OwnCluster extends Cluster {
  /** The data folder. */
  readonly data: string;
  /** A new empty database; returns the superuser's address of it. */
  createDatabase(): Promise<string>;
  /** Runs `work` as the superuser on `url` (default: the maintenance database). */
  superuser<T>(work: (client: pg.Client) => Promise<T>, url?: string): Promise<T>;
  /**
   * kill -9 of the postmaster and every process it started, at once, as when the machine's
   * OOM killer or an operator takes the server down: no shutdown, no goodbye to the clients.
   */
  killServer(): Promise<void>;
  /** `pg_ctl stop -m immediate`: every server process quits at once, without a checkpoint. */
  stopImmediately(): void;
  /** Starts the server again on the same data folder (crash recovery runs first). */
  start(): void;
  /** Starts the server unless it is running (after a test that failed with it down). */
  ensureRunning(): void;
  /** A tmpfs of `megabytes` MB owned by the server's account; unmounted by `stop()`. */
  smallDisk(megabytes: number): { dir: string; resize(megabytes: number): void };
  /**
   * A streaming replica (pg_basebackup -R) on another port, in hot standby; stopped and
   * removed by `stop()`. Returns its address for `database` (same login as the primary).
   */
  replica(database: string): Promise<string>;
  /** Stops everything this cluster started and removes its folder. Never throws. */
  stop(): void;
}

const root = process.getuid?.() === 0;

/** Runs a server program as the server's account (as root: `postgres`, via runuser). */
function asServerUser(command: string, args: string[], env?: NodeJS.ProcessEnv): void {
  const [file, argv] = root
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
  execFileSync(file, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
    ...(env ? { env: { ...process.env, ...env } } : {}),
  });
}

function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.toString();
}

/** The state letter of /proc/<pid>/stat, or null when the process is gone. */
function processState(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? null;
  } catch {
    return null;
  }
}

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startOwnCluster(): Promise<OwnCluster> {
  const cluster = await startCluster();
  const data = path.join(cluster.dir, 'data');
  const ctl = path.join(cluster.bin, 'pg_ctl');
  const log = path.join(cluster.dir, 'server.log');
  const mounts: string[] = [];
  const replicas: string[] = [];

  const superuser = async <T>(
    work: (client: pg.Client) => Promise<T>,
    url = cluster.url,
  ): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    // A server killed under a test's client must not take the test process with it.
    client.on('error', () => {});
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  };

  const own: OwnCluster = {
    ...cluster,
    data,
    superuser,

    async createDatabase() {
      const name = `vd_${crypto.randomBytes(6).toString('hex')}`;
      await superuser((c) => c.query(`CREATE DATABASE ${name}`));
      return withDatabase(cluster.url, name);
    },

    async killServer() {
      const postmaster = Number(
        fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      // Stopped first, so it starts no process between the listing and the kill.
      process.kill(postmaster, 'SIGSTOP');
      // Until every child is dead (a zombie, since its stopped parent cannot reap it): a
      // child still starting may be missed by one listing.
      const all = new Set<number>();
      for (let sweep = 0; ; sweep++) {
        const living = childrenOf(postmaster).filter((pid) => processState(pid) !== 'Z');
        if (living.length === 0) break;
        if (sweep > 500) throw new Error('the server processes did not die');
        for (const pid of living) {
          all.add(pid);
          process.kill(pid, 'SIGKILL');
        }
        await sleep(2);
      }
      all.add(postmaster);
      process.kill(postmaster, 'SIGKILL');
      for (
        let waited = 0;
        [...all].some((pid) => !['Z', null].includes(processState(pid)));
        waited++
      ) {
        if (waited > 500) throw new Error('the server processes did not die');
        await sleep(10);
      }
      // Dead, though perhaps not yet reaped (the postmaster's parent is whoever adopted it):
      // a zombie's pid would still answer kill(pid, 0), and the next postmaster would take its
      // lock files for a running server's. A reboot would have cleared them.
      fs.rmSync(path.join(data, 'postmaster.pid'), { force: true });
      fs.rmSync(path.join(cluster.dir, `.s.PGSQL.${cluster.port}.lock`), { force: true });
    },

    stopImmediately() {
      asServerUser(ctl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
    },

    start() {
      asServerUser(ctl, ['-D', data, '-l', log, '-w', '-t', '60', 'start']);
    },

    ensureRunning() {
      const [file, argv] = root
        ? ['runuser', ['-u', 'postgres', '--', ctl, '-D', data, 'status']]
        : [ctl, ['-D', data, 'status']];
      if (spawnSync(file, argv, { stdio: 'ignore' }).status !== 0) own.start();
    },

    smallDisk(megabytes) {
      const dir = path.join(cluster.dir, `disk-${mounts.length + 1}`);
      fs.mkdirSync(dir);
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0700`, 'tmpfs', dir], {
          stdio: 'pipe',
        });
      } catch (error) {
        throw new Error(
          `the full-disk test mounts a small tmpfs for a tablespace and could not (run as root, as CI does): ${String(error)}`,
        );
      }
      mounts.push(dir);
      if (root) execFileSync('chown', ['postgres:postgres', dir]);
      return {
        dir,
        resize: (size) => {
          execFileSync('mount', ['-o', `remount,size=${size}m`, dir], { stdio: 'pipe' });
        },
      };
    },

    async replica(database) {
      // Replication connections match only a `replication` line of pg_hba.conf.
      fs.appendFileSync(path.join(data, 'pg_hba.conf'), 'local replication all scram-sha-256\n');
      await superuser((c) => c.query('SELECT pg_reload_conf()'));
      const replicaData = path.join(cluster.dir, `replica-${replicas.length + 1}`);
      const password = decodeURIComponent(new URL(cluster.url).password);
      // Each tablespace (a small disk of an earlier test) needs a folder of the replica's own.
      const tablespaces = fs
        .readdirSync(path.join(data, 'pg_tblspc'))
        .map(
          (oid) =>
            `--tablespace-mapping=${fs.readlinkSync(path.join(data, 'pg_tblspc', oid))}=${replicaData}-tablespace-${oid}`,
        );
      asServerUser(
        path.join(cluster.bin, 'pg_basebackup'),
        [
          '-D',
          replicaData,
          '-R',
          '-X',
          'stream',
          '-c',
          'fast',
          ...tablespaces,
          '-h',
          cluster.dir,
          '-p',
          String(cluster.port),
        ],
        { PGUSER: 'visitdesk_admin', PGPASSWORD: password },
      );
      replicas.push(replicaData);
      const port = await freePort();
      // The copied postgresql.conf names the primary's port; a later line wins.
      fs.appendFileSync(path.join(replicaData, 'postgresql.conf'), `\nport = ${port}\n`);
      asServerUser(ctl, [
        '-D',
        replicaData,
        '-l',
        path.join(cluster.dir, `${path.basename(replicaData)}.log`),
        '-w',
        '-t',
        '60',
        'start',
      ]);
      return withDatabase(withPort(cluster.url, port), database);
    },

    stop() {
      for (const replicaData of replicas) {
        const args = ['-D', replicaData, '-m', 'immediate', 'stop'];
        spawnSync(root ? 'runuser' : ctl, root ? ['-u', 'postgres', '--', ctl, ...args] : args, {
          stdio: 'ignore',
        });
      }
      // The server first: it holds files on the mounts.
      const args = ['-D', data, '-m', 'immediate', 'stop'];
      spawnSync(root ? 'runuser' : ctl, root ? ['-u', 'postgres', '--', ctl, ...args] : args, {
        stdio: 'ignore',
      });
      for (const dir of mounts) {
        if (spawnSync('umount', [dir], { stdio: 'ignore' }).status !== 0) {
          spawnSync('umount', ['-l', dir], { stdio: 'ignore' });
        }
      }
      stopCluster(cluster.dir);
    },
  };

  try {
    // Commits acknowledged only once in the kernel's hands (see above).
    await superuser(async (c) => {
      await c.query('ALTER SYSTEM SET synchronous_commit = on');
      await c.query('SELECT pg_reload_conf()');
    });
  } catch (error) {
    own.stop();
    throw error;
  }
  return own;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
