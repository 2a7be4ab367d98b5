import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface SigningKey {
  kid: string;
  privateKey: PrivateKey;
  publicJwk: JWK;
}

/**
 * The authority's RS256 signing key, kept in the data directory so tokens stay valid across
 * restarts (in memory when no directory is given, e.g. tests).
 */
export async function loadSigningKey(dir?: string): Promise<SigningKey> {
  const file = dir ? path.join(dir, 'signing-key.json') : undefined;
  let privateJwk: JWK;
  if (file && existsSync(file)) {
    privateJwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  } else {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
    privateJwk = await exportJWK(privateKey);
    if (file) {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, JSON.stringify(privateJwk), { mode: 0o600 });
    }
  }
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicPart } = privateJwk;
  const kid = await calculateJwkThumbprint(publicPart);
  return {
    kid,
    privateKey: (await importJWK({ ...privateJwk, alg: 'RS256' }, 'RS256')) as PrivateKey,
    publicJwk: { ...publicPart, kid, use: 'sig', alg: 'RS256' },
  };
}
