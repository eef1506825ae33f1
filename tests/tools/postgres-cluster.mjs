// A throw-away PostgreSQL cluster for the tests: Debian's PostgreSQL binaries, a temporary
// folder, a free port on loopback, password (SCRAM) and TLS connections only, run as an
// unprivileged user. `.ci/run` and the unit suite's global setup start one; nothing of it
// outlives the run.
//
//   node tests/tools/postgres-cluster.mjs start   prints the cluster as JSON and leaves it running
//   node tests/tools/postgres-cluster.mjs stop DIR
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Debian keeps the server's programs in /usr/lib/postgresql/<major>/bin. */
export function postgresBin() {
  const fromEnv = process.env.VISITDESK_PG_BIN;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const majors = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const major of majors) {
    const bin = path.join(root, major, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb'))) return bin;
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The server refuses to run as root: as root, it runs as Debian's `postgres` account. */
function asServerUser(command, args, options = {}) {
  const root = process.getuid?.() === 0;
  const [file, argv] = root
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
  return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

function chownToServer(target) {
  if (process.getuid?.() !== 0) return;
  execFileSync('chown', ['-R', 'postgres:postgres', target]);
}

/** A CA and a server certificate for 127.0.0.1 and localhost, so clients can verify-full. */
function makeCertificates(dir) {
  const run = (args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Visitdesk test CA',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
  ]);
  run([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
  ]);
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  run([
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'san.ext',
    '-out',
    'server.crt',
  ]);
  fs.chmodSync(path.join(dir, 'server.key'), 0o600);
}

/**
 * Starts a cluster and returns how to reach it: `url` for the superuser over TLS (verified
 * against `caFile`), `dir` to stop it with.
 */
export async function startCluster() {
  const bin = postgresBin();
  if (!bin) {
    throw new Error(
      "PostgreSQL is not installed: the tests run every suite on both engines. Install Debian's `postgresql` package (`.ci/run` does), or set VISITDESK_PG_BIN to its bin folder.",
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'visitdesk-pg-'));
  fs.chmodSync(dir, 0o755);
  const data = path.join(dir, 'data');
  const tls = path.join(dir, 'tls');
  fs.mkdirSync(tls);
  makeCertificates(tls);
  const password = crypto.randomBytes(18).toString('base64url');
  const pwfile = path.join(dir, 'pw');
  fs.writeFileSync(pwfile, password, { mode: 0o600 });
  chownToServer(dir);
  asServerUser(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'visitdesk_admin',
    '--pwfile',
    pwfile,
    '--auth-host=scram-sha-256',
    '--auth-local=scram-sha-256',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  fs.rmSync(pwfile);
  const port = await freePort();
  // TLS only over TCP: a plain `host` line would let a client skip encryption.
  fs.writeFileSync(
    path.join(data, 'pg_hba.conf'),
    [
      'local all all scram-sha-256',
      'hostssl all all 127.0.0.1/32 scram-sha-256',
      'hostnossl all all 127.0.0.1/32 reject',
      '',
    ].join('\n'),
  );
  fs.appendFileSync(
    path.join(data, 'postgresql.conf'),
    [
      '',
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      'ssl = on',
      `ssl_cert_file = '${path.join(tls, 'server.crt')}'`,
      `ssl_key_file = '${path.join(tls, 'server.key')}'`,
      // A throw-away cluster: no need to survive a power cut.
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      'max_connections = 200',
      '',
    ].join('\n'),
  );
  chownToServer(dir);
  asServerUser(
    path.join(bin, 'pg_ctl'),
    ['-D', data, '-l', path.join(dir, 'server.log'), '-w', 'start'],
    {
      timeout: 60_000,
    },
  );
  const caFile = path.join(tls, 'ca.crt');
  // The CA travels in the address (libpq's and node-postgres' `sslrootcert`), so the address
  // alone reaches the cluster with the server's certificate verified.
  const url = `postgres://visitdesk_admin:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres?sslmode=verify-full&sslrootcert=${encodeURIComponent(caFile)}`;
  return { url, caFile, port, dir, bin };
}

export function stopCluster(dir) {
  const bin = postgresBin();
  if (!bin || !fs.existsSync(path.join(dir, 'data'))) return;
  const root = process.getuid?.() === 0;
  const ctl = path.join(bin, 'pg_ctl');
  const args = ['-D', path.join(dir, 'data'), '-m', 'immediate', 'stop'];
  spawnSync(root ? 'runuser' : ctl, root ? ['-u', 'postgres', '--', ctl, ...args] : args, {
    stdio: 'ignore',
  });
  fs.rmSync(dir, { recursive: true, force: true });
}

const [command, arg] = process.argv.slice(2);
if (import.meta.url === `file://${process.argv[1]}`) {
  if (command === 'start') {
    const cluster = await startCluster();
    process.stdout.write(`${JSON.stringify(cluster)}\n`);
  } else if (command === 'stop' && arg) {
    stopCluster(arg);
  } else {
    process.stderr.write('usage: postgres-cluster.mjs start | stop DIR\n');
    process.exit(2);
  }
}
