import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import {
  certificateFromFiles,
  loadOrCreateServerCertificate,
  type ServerCertificate,
} from '../../../electron/core/server/certificate';
import { AppFailure } from '../../../electron/shared/result';
import { tempDir } from '../support/core';

const NOW = new Date('2026-03-02T01:30:00Z');
const posixOnly = it.skipIf(process.platform === 'win32');

function failureOf(run: () => unknown): AppFailure {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure);
    return error as AppFailure;
  }
  throw new Error('expected a failure');
}

/** Serves `made` on loopback and asks it once with a client that trusts `ca` and checks the pin. */
async function askOver(made: ServerCertificate, ca: string): Promise<string> {
  const server = https.createServer({ key: made.key, cert: made.cert }, (_req, res) => {
    res.end('branch server here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<string>((resolve, reject) => {
      const request = https.get(
        {
          host: '127.0.0.1',
          port,
          path: '/',
          ca,
          agent: false,
          // Reached by address, as a branch server is: the pin stands for the host name.
          checkServerIdentity: (_host, cert) =>
            cert.fingerprint256 === made.fingerprint ? undefined : new Error('not the pin'),
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve(body));
        },
      );
      request.on('error', reject);
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("the branch server's certificate", () => {
  it('makes a self-signed P-256 certificate for ten years, its key readable by its owner only', async () => {
    const folder = path.join(tempDir(), 'tls');
    const made = await loadOrCreateServerCertificate(folder, NOW);

    const cert = new crypto.X509Certificate(made.cert);
    expect(made.fingerprint).toBe(cert.fingerprint256);
    expect(made.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(cert.subject).toBe('CN=Visitdesk branch server');
    expect(cert.issuer).toBe('CN=Visitdesk branch server');
    expect(cert.ca).toBe(false);
    expect(new Date(cert.validFrom).toISOString()).toBe('2026-03-02T01:30:00.000Z');
    expect(new Date(cert.validTo).toISOString()).toBe('2036-03-02T01:30:00.000Z');
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(cert.verify(cert.publicKey)).toBe(true);
    const parsed = new x509.X509Certificate(made.cert);
    expect(parsed.signatureAlgorithm).toMatchObject({ name: 'ECDSA', hash: { name: 'SHA-256' } });
    expect(parsed.getExtension(x509.BasicConstraintsExtension)).toMatchObject({
      ca: false,
      critical: true,
    });

    const key = crypto.createPrivateKey(made.key);
    expect(made.key).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(cert.checkPrivateKey(key)).toBe(true);
    expect(fs.readFileSync(path.join(folder, 'server-key.pem'), 'utf8')).toBe(made.key);
    expect(fs.readFileSync(path.join(folder, 'server-cert.pem'), 'utf8')).toBe(made.cert);
    expect(fs.readdirSync(folder).sort()).toEqual(['server-cert.pem', 'server-key.pem']);
  });

  posixOnly('gives the files their modes whatever the umask: 0700, 0600, 0644', async () => {
    const before = process.umask(0);
    try {
      const folder = path.join(tempDir(), 'tls');
      await loadOrCreateServerCertificate(folder, NOW);
      const mode = (file: string) => fs.statSync(file).mode & 0o777;
      expect(mode(folder)).toBe(0o700);
      expect(mode(path.join(folder, 'server-key.pem'))).toBe(0o600);
      expect(mode(path.join(folder, 'server-cert.pem'))).toBe(0o644);
    } finally {
      process.umask(before);
    }
  });

  it('serves HTTPS to a client that trusts it, and not to one that does not', async () => {
    const made = await loadOrCreateServerCertificate(tempDir(), NOW);
    expect(await askOver(made, made.cert)).toBe('branch server here');

    const stranger = await loadOrCreateServerCertificate(tempDir(), NOW);
    await expect(askOver(made, stranger.cert)).rejects.toMatchObject({
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });

  it('loads the same certificate again on later starts', async () => {
    const folder = tempDir();
    const made = await loadOrCreateServerCertificate(folder, NOW);
    const later = await loadOrCreateServerCertificate(folder, new Date('2027-01-01T00:00:00Z'));
    expect(later).toEqual(made);
    expect(
      certificateFromFiles(
        path.join(folder, 'server-key.pem'),
        path.join(folder, 'server-cert.pem'),
      ),
    ).toEqual(made);
  });

  posixOnly(
    'refuses a key file other users can read, and uses it once it is 0600 again',
    async () => {
      const folder = tempDir();
      const made = await loadOrCreateServerCertificate(folder, NOW);
      const keyFile = path.join(folder, 'server-key.pem');
      fs.chmodSync(keyFile, 0o640);
      const failure = await loadOrCreateServerCertificate(folder, NOW).then(
        () => null,
        (error: unknown) => error as AppFailure,
      );
      expect(failure).toBeInstanceOf(AppFailure);
      expect(failure?.code).toBe('VALIDATION');
      expect(failure?.details).toMatchObject({ file: keyFile, problem: 'KEY_READABLE_BY_OTHERS' });
      expect(failure?.message).toContain('can be read by other users (mode 640)');

      fs.chmodSync(keyFile, 0o600);
      expect((await loadOrCreateServerCertificate(folder, NOW)).fingerprint).toBe(made.fingerprint);
    },
  );

  it('refuses a key and a certificate that do not belong together', async () => {
    const a = tempDir();
    const b = tempDir();
    await loadOrCreateServerCertificate(a, NOW);
    await loadOrCreateServerCertificate(b, NOW);
    const keyFile = path.join(a, 'server-key.pem');
    const failure = failureOf(() => certificateFromFiles(keyFile, path.join(b, 'server-cert.pem')));
    expect(failure.details).toMatchObject({ file: keyFile, problem: 'NOT_A_PAIR' });
    expect(failure.message).toContain('is not the private key of the certificate');
  });

  it('names the file that is mangled or missing', async () => {
    const folder = tempDir();
    await loadOrCreateServerCertificate(folder, NOW);
    const keyFile = path.join(folder, 'server-key.pem');
    const certFile = path.join(folder, 'server-cert.pem');
    const certText = fs.readFileSync(certFile, 'utf8');

    // Cut in the middle of the base64: no certificate can be read from it.
    fs.writeFileSync(certFile, certText.slice(0, 200));
    const mangled = failureOf(() => certificateFromFiles(keyFile, certFile));
    expect(mangled.details).toMatchObject({ file: certFile, problem: 'CERT_UNREADABLE' });
    expect(mangled.message).toBe(
      `The server's certificate: ${certFile} does not hold a certificate in PEM form`,
    );

    fs.writeFileSync(certFile, certText);
    const keyText = fs.readFileSync(keyFile, 'utf8');
    fs.writeFileSync(keyFile, keyText.replace(/[A-Za-z]/g, '#'));
    expect(failureOf(() => certificateFromFiles(keyFile, certFile)).details).toMatchObject({
      file: keyFile,
      problem: 'KEY_UNREADABLE',
    });

    fs.writeFileSync(keyFile, keyText);
    fs.rmSync(certFile);
    const missing = await loadOrCreateServerCertificate(folder, NOW).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'VALIDATION', details: { problem: 'CERT_MISSING' } });
    // The key stays: making a new pair is the manager's choice, as every desk must pin again.
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(keyText);
  });

  it('makes the pair again when a first start left only the certificate', async () => {
    const folder = tempDir();
    const first = await loadOrCreateServerCertificate(folder, NOW);
    fs.rmSync(path.join(folder, 'server-key.pem'));
    const again = await loadOrCreateServerCertificate(folder, NOW);
    expect(again.fingerprint).not.toBe(first.fingerprint);
    expect(new crypto.X509Certificate(again.cert).fingerprint256).toBe(again.fingerprint);
  });

  it("takes a bank's certificate with its chain, pinned by the server's own certificate", async () => {
    x509.cryptoProvider.set(globalThis.crypto);
    const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
    const caKeys = await globalThis.crypto.subtle.generateKey(alg, true, ['sign', 'verify']);
    const bankCa = await x509.X509CertificateGenerator.createSelfSigned({
      name: 'CN=Qingshan Rural Commercial Bank CA',
      notBefore: NOW,
      notAfter: new Date('2031-03-02T01:30:00Z'),
      keys: caKeys,
      signingAlgorithm: alg,
      extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
    });
    const serverKeys = await globalThis.crypto.subtle.generateKey(alg, true, ['sign', 'verify']);
    const serverCert = await x509.X509CertificateGenerator.create({
      subject: 'CN=shiqiao.branch.example',
      issuer: bankCa.subject,
      notBefore: NOW,
      notAfter: new Date('2028-03-02T01:30:00Z'),
      publicKey: serverKeys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: alg,
    });
    const folder = tempDir();
    const keyFile = path.join(folder, 'bank.key');
    const certFile = path.join(folder, 'bank.crt');
    const keyPem = crypto.KeyObject.from(serverKeys.privateKey).export({
      type: 'pkcs8',
      format: 'pem',
    });
    fs.writeFileSync(keyFile, keyPem, { mode: 0o600 });
    fs.writeFileSync(certFile, `${serverCert.toString('pem')}\n${bankCa.toString('pem')}\n`);

    const bank = certificateFromFiles(keyFile, certFile);
    // The fingerprint is the server's certificate's, not the CA's that follows it.
    expect(bank.fingerprint).toBe(
      new crypto.X509Certificate(serverCert.toString('pem')).fingerprint256,
    );
    expect(bank.fingerprint).not.toBe(
      new crypto.X509Certificate(bankCa.toString('pem')).fingerprint256,
    );
    expect(await askOver(bank, bankCa.toString('pem'))).toBe('branch server here');
  });
});
