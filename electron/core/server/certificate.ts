import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { AppFailure } from '../../shared/result';

/**
 * The branch server's TLS certificate (issue 20). Desks pin the certificate's fingerprint at
 * enrolment instead of trusting a certificate authority: a branch has no domain name and no
 * public CA will sign for a LAN address, so the server makes its own certificate the first
 * time it starts and shows the fingerprint for the manager to read out to each desk. A bank
 * that runs its own CA can hand the server its certificate instead (`certificateFromFiles`);
 * the desks then pin that one the same way.
 *
 * Whatever is loaded is checked before TLS sees it, so a mistake stops the server at start
 * with a sentence naming the file, rather than every desk later failing its handshake with an
 * OpenSSL code: the key must be readable by its owner only, both files must parse, and the
 * key must be the certificate's.
 */
export interface ServerCertificate {
  /** PKCS#8 PEM. */
  key: string;
  /** PEM: the server's certificate, followed by its chain when a bank's file has one. */
  cert: string;
  /** SHA-256 of the DER certificate as Node's `fingerprint256` writes it (`AB:CD:...`). */
  fingerprint: string;
}

const KEY_FILE = 'server-key.pem';
const CERT_FILE = 'server-cert.pem';

const SUBJECT = 'CN=Visitdesk branch server';
const VALID_YEARS = 10;
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/**
 * The certificate in `folder`, made the first time. The key file is written last, by rename,
 * so it marks a finished pair: without it a certificate left by an interrupted first start is
 * simply made again; with it, a missing certificate is refused rather than replaced, because a
 * new certificate has a new fingerprint and every desk would have to pin it again.
 */
export async function loadOrCreateServerCertificate(
  folder: string,
  now: Date,
): Promise<ServerCertificate> {
  const keyPath = path.join(folder, KEY_FILE);
  const certPath = path.join(folder, CERT_FILE);
  if (fs.existsSync(keyPath)) {
    if (!fs.existsSync(certPath)) {
      throw certificateFailure(
        `${certPath} is missing beside ${keyPath}; put it back, or remove the key file to make a new certificate that every desk must then pin again`,
        { file: certPath, problem: 'CERT_MISSING' },
      );
    }
    return certificateFromFiles(keyPath, certPath);
  }
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const made = await makeSelfSignedCertificate(now);
  writeFileAtomically(certPath, made.cert, 0o644);
  writeFileAtomically(keyPath, made.key, 0o600);
  return certificateFromFiles(keyPath, certPath);
}

/** A certificate and key the bank supplies, checked as the server's own are. */
export function certificateFromFiles(keyPath: string, certPath: string): ServerCertificate {
  refuseKeyOthersCanRead(keyPath);
  const key = readPem(keyPath);
  const cert = readPem(certPath);
  let privateKey: crypto.KeyObject;
  try {
    privateKey = crypto.createPrivateKey(key);
  } catch {
    throw certificateFailure(`${keyPath} does not hold an unencrypted private key in PEM form`, {
      file: keyPath,
      problem: 'KEY_UNREADABLE',
    });
  }
  let leaf: crypto.X509Certificate;
  try {
    // The first certificate in the file is the server's; any after it are its chain.
    leaf = new crypto.X509Certificate(cert);
  } catch {
    throw certificateFailure(`${certPath} does not hold a certificate in PEM form`, {
      file: certPath,
      problem: 'CERT_UNREADABLE',
    });
  }
  if (!leaf.checkPrivateKey(privateKey)) {
    throw certificateFailure(`${keyPath} is not the private key of the certificate ${certPath}`, {
      file: keyPath,
      problem: 'NOT_A_PAIR',
    });
  }
  return { key, cert, fingerprint: certificateFingerprint(leaf.raw) };
}

/** The form `tls`'s `getPeerCertificate().fingerprint256` gives, so desks compare strings. */
function certificateFingerprint(der: Buffer): string {
  const hex = crypto.createHash('sha256').update(der).digest('hex').toUpperCase();
  return hex.match(/../g)!.join(':');
}

async function makeSelfSignedCertificate(now: Date): Promise<{ key: string; cert: string }> {
  // Node's webcrypto, named through the global so that its type is the DOM one
  // @peculiar/x509 declares (node:crypto's own `webcrypto` type differs in its overloads).
  const webcrypto = globalThis.crypto;
  x509.cryptoProvider.set(webcrypto);
  const keys = await webcrypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify']);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALID_YEARS);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: SUBJECT,
    notBefore: now,
    notAfter,
    keys,
    signingAlgorithm: ECDSA_P256,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const key = crypto.KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' });
  return { key: key.toString(), cert: certificate.toString('pem') + '\n' };
}

/**
 * A temp file opened exclusively with its final mode, synced, then renamed: the key is never
 * readable by others, not even for the moment between writing and a later chmod, and a crash
 * leaves either the whole file or none.
 */
function writeFileAtomically(file: string, content: string, mode: number): void {
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`,
  );
  const fd = fs.openSync(tmp, 'wx', mode);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** POSIX only: Windows keeps access in ACLs, which `mode` does not show. */
function refuseKeyOthersCanRead(keyPath: string): void {
  let mode: number;
  try {
    mode = fs.statSync(keyPath).mode;
  } catch (error) {
    throw certificateFailure(`${keyPath} cannot be read`, {
      file: keyPath,
      problem: 'KEY_UNREADABLE',
      cause: (error as NodeJS.ErrnoException).code ?? 'unknown',
    });
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw certificateFailure(
      `${keyPath} can be read by other users (mode ${(mode & 0o777).toString(8)}); make it readable by its owner only (chmod 600) and start again`,
      { file: keyPath, problem: 'KEY_READABLE_BY_OTHERS' },
    );
  }
}

function readPem(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw certificateFailure(`${file} cannot be read`, {
      file,
      problem: 'UNREADABLE',
      cause: (error as NodeJS.ErrnoException).code ?? 'unknown',
    });
  }
}

function certificateFailure(message: string, details: Record<string, unknown>): AppFailure {
  return new AppFailure('VALIDATION', `The server's certificate: ${message}`, { details });
}
