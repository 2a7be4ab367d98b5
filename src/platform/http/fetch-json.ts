import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';

export interface FetchJsonOptions {
  /** Extra trusted CA (PEM), e.g. the sandbox's. Trusted in addition to Node's default roots. */
  ca?: string;
  timeoutMs?: number;
}

/**
 * GET a JSON document. Tandem's own outbound HTTP for metadata (JWKS, OpenID configuration):
 * honours a configured extra CA, which global fetch cannot do per request.
 */
export function fetchJson(url: string, options: FetchJsonOptions = {}): Promise<unknown> {
  const target = new URL(url);
  const where = `${target.origin}${target.pathname}`;
  const secure = target.protocol === 'https:';
  const client = secure ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(
      target,
      {
        timeout: options.timeoutMs ?? 5000,
        headers: { accept: 'application/json' },
        ...(secure && options.ca ? { ca: [...rootCertificates, options.ca] } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          if ((res.statusCode ?? 0) >= 400)
            return reject(new Error(`GET ${where} answered ${res.statusCode}`));
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (err) {
            reject(new Error(`GET ${where} did not return JSON`, { cause: err }));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${where} timed out`)));
    req.on('error', reject);
  });
}
