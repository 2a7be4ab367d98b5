import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export const TEST_CLIENT_ID = '11111111-2222-4333-8444-555555555555';
export const TEST_APP_ID_URI = `api://tandem.test/${TEST_CLIENT_ID}`;
export const AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const V1_ISSUER_HOST = 'https://sts.windows.net';

export interface TokenOptions {
  tid: string;
  oid: string;
  upn?: string;
  name?: string;
  scp?: string;
  /** Claims to add or override (set a claim to undefined to remove it). */
  claims?: Record<string, unknown>;
  version?: '1.0' | '2.0';
  /** Seconds from now. */
  expiresIn?: number;
  notBefore?: number;
  /** Sign with a key that is not published. */
  foreignKey?: boolean;
}

/**
 * A stand-in for Entra's signing keys until the sandbox lands: an RSA key published as a JWKS on a
 * loopback URL, and tokens shaped like Entra v1/v2 access tokens. The server validates them through
 * the same code path as real tokens.
 */
export class TestIdentity {
  private constructor(
    private readonly server: http.Server,
    readonly jwksUrl: string,
    private readonly keyId: string,
    private readonly privateKey: SigningKey,
    private readonly foreign: SigningKey,
    private readonly jwk: JWK,
    private readonly counter: { n: number },
  ) {}

  /** How many times the JWKS was fetched. */
  get jwksRequests(): number {
    return this.counter.n;
  }

  static async start(): Promise<TestIdentity> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const other = await generateKeyPair('RS256');
    const keyId = randomUUID();
    const jwk = { ...(await exportJWK(publicKey)), kid: keyId, use: 'sig', alg: 'RS256' };
    const counter = { n: 0 };
    const server = http.createServer((_req, res) => {
      counter.n++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new TestIdentity(
      server,
      `http://127.0.0.1:${port}/common/discovery/v2.0/keys`,
      keyId,
      privateKey,
      other.privateKey,
      jwk,
      counter,
    );
  }

  async token(options: TokenOptions): Promise<string> {
    const v1 = options.version === '1.0';
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      aud: v1 ? TEST_APP_ID_URI : TEST_CLIENT_ID,
      iss: v1 ? `${V1_ISSUER_HOST}/${options.tid}/` : `${AUTHORITY_HOST}/${options.tid}/v2.0`,
      tid: options.tid,
      oid: options.oid,
      sub: randomUUID(),
      scp: options.scp ?? 'access_as_user',
      ver: v1 ? '1.0' : '2.0',
      azp: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
      iat: now,
      nbf: options.notBefore ?? now,
      exp: now + (options.expiresIn ?? 3600),
      ...(options.upn ? (v1 ? { upn: options.upn } : { preferred_username: options.upn }) : {}),
      ...(options.name ? { name: options.name } : {}),
      ...options.claims,
    };
    for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.keyId })
      .sign(options.foreignKey ? this.foreign : this.privateKey);
  }

  get publicJwk(): JWK {
    return this.jwk;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
