import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface SandboxCertificates {
  /** PEM of the local CA that signed the server certificate: what clients must trust. */
  caPem: string;
  caPath: string;
  certPem: string;
  keyPem: string;
}

const DAY = 86_400_000;

/**
 * The sandbox's TLS material, generated on first start and kept in `dir`: a local CA (10 years)
 * and a server certificate for localhost, 127.0.0.1 and ::1 signed by it (renewed when it has
 * less than 30 days left). Nothing is installed system-wide; Tandem trusts the CA by configuration.
 */
export async function ensureCertificates(dir: string, now = new Date()): Promise<SandboxCertificates> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caPath = path.resolve(dir, 'ca.pem');
  const caKeyPath = path.join(dir, 'ca-key.pem');
  const certPath = path.join(dir, 'server.pem');
  const keyPath = path.join(dir, 'server-key.pem');

  if (!existsSync(caPath) || !existsSync(caKeyPath) || expiresWithin(readFileSync(caPath, 'utf8'), now, 30)) {
    const ca = await generate([{ name: 'commonName', value: 'Tandem Sandbox Local CA' }], {
      keyType: 'rsa',
      keySize: 2048,
      algorithm: 'sha256',
      notBeforeDate: new Date(now.getTime() - DAY),
      notAfterDate: new Date(now.getTime() + 3650 * DAY),
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ],
    });
    writeFileSync(caKeyPath, ca.private, { mode: 0o600 });
    writeFileSync(caPath, ca.cert);
    writeFileSync(certPath, '');
  }
  const caPem = readFileSync(caPath, 'utf8');
  const existing = existsSync(certPath) ? readFileSync(certPath, 'utf8') : '';
  if (!existing || expiresWithin(existing, now, 30) || !signedBy(existing, caPem)) {
    const leaf = await generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'rsa',
      keySize: 2048,
      algorithm: 'sha256',
      notBeforeDate: new Date(now.getTime() - DAY),
      notAfterDate: new Date(now.getTime() + 397 * DAY),
      ca: { key: readFileSync(caKeyPath, 'utf8'), cert: caPem },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
            { type: 7, ip: '::1' },
          ],
        },
      ],
    });
    writeFileSync(keyPath, leaf.private, { mode: 0o600 });
    writeFileSync(certPath, leaf.cert);
  }
  return { caPem, caPath, certPem: readFileSync(certPath, 'utf8'), keyPem: readFileSync(keyPath, 'utf8') };
}

function expiresWithin(pem: string, now: Date, days: number): boolean {
  return new Date(new X509Certificate(pem).validTo).getTime() - now.getTime() < days * DAY;
}

function signedBy(certPem: string, caPem: string): boolean {
  return new X509Certificate(certPem).checkIssued(new X509Certificate(caPem));
}
