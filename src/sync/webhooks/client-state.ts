import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A subscription's shared secret: 256 bits from the CSPRNG, base64url (43 characters, within
 * Graph's 128-character limit). Graph echoes it in every notification; Tandem keeps only its hash.
 */
export function newClientState(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a clientState: what the database stores and what comparisons run on. */
export function hashClientState(clientState: string): Buffer {
  return createHash('sha256').update(clientState, 'utf8').digest();
}

/**
 * Whether `received` is the clientState whose hash is `expected`. Both sides are 32-byte digests,
 * so `timingSafeEqual` runs in time independent of how much of the secret an attacker guessed.
 */
export function clientStateMatches(received: string, expected: Buffer): boolean {
  const actual = hashClientState(received);
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}
