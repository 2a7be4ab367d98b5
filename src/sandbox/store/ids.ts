import { createHash, randomBytes } from 'node:crypto';

/** An Outlook-looking item id (base64url, like `AAMkAG…`). Stable for the item's life: immutable ids. */
export function outlookId(prefix = 'AAMkAG'): string {
  return `${prefix}${randomBytes(33).toString('base64url')}`;
}

/** A new change key: every change of an Outlook item gets one; `@odata.etag` is `W/"<changeKey>"`. */
export function changeKey(): string {
  return randomBytes(12).toString('base64');
}

/** A deterministic GUID from a name (seeded tenants, app registrations). */
export function guidFrom(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
