import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

type SigningKey = Parameters<SignJWT['sign']>[0];

export const BOT_TOKEN_ISSUER = 'https://api.botframework.com';

/**
 * A local stand-in for the Bot Connector's OpenID metadata and JWKS (login.botframework.com), so the
 * adapter verifies real RS256 signatures in tests without ever calling Microsoft.
 */
export class BotConnectorKeys {
  private constructor(
    private readonly server: http.Server,
    readonly metadataUrl: string,
    private readonly privateKey: SigningKey,
    readonly kid: string,
  ) {}

  static async start(): Promise<BotConnectorKeys> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = 'tandem-test-key';
    const jwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', kty: 'RSA', endorsements: ['msteams'] };
    const server = http.createServer((req, res) => {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/.well-known/openidconfiguration') {
        res.end(
          JSON.stringify({
            issuer: BOT_TOKEN_ISSUER,
            jwks_uri: `${base}/v1/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
      } else if (req.url === '/v1/keys') {
        res.end(JSON.stringify({ keys: [jwk] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new BotConnectorKeys(
      server,
      `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
      privateKey,
      kid,
    );
  }

  /** A channel token as the Bot Connector signs it; `claims` override the defaults, `undefined` removes one. */
  async token(claims: JWTPayload, options: { key?: SigningKey } = {}) {
    const now = Math.floor(Date.now() / 1000);
    const payload: JWTPayload = {
      iss: BOT_TOKEN_ISSUER,
      nbf: now - 5,
      iat: now - 5,
      exp: now + 3600,
      ...claims,
    };
    for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .sign(options.key ?? this.privateKey);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** An HTTP server that only counts what reaches it (a service URL the bot must never call). */
export async function requestSink(): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    hits: () => hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
