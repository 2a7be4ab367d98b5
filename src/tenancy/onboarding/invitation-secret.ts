import { createHash, randomBytes } from 'node:crypto';

/** 256 bits from the CSPRNG, base64url (43 characters): the secret of an accept link. */
export function newInvitationSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a secret: its SHA-256, hex. */
export function hashInvitationSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The shape of a secret, checked before any lookup. */
export const INVITATION_SECRET = /^[A-Za-z0-9_-]{43}$/;
