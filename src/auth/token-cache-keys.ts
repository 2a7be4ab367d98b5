import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** An encrypted blob as stored: `iv (12) | tag (16) | ciphertext`, with the id of its key. */
export interface SealedBlob {
  blob: Buffer;
  keyId: string;
}

/** Why a blob could not be opened; the caller treats the partition as empty. */
export class TokenCacheDecryptError extends Error {
  constructor(
    readonly reason: 'unknown_key' | 'malformed' | 'not_authentic',
    options?: ErrorOptions,
  ) {
    super(`token cache blob could not be decrypted (${reason})`, options);
    this.name = 'TokenCacheDecryptError';
  }
}

/**
 * The token cache's AES-256-GCM keys: the first one seals every write, all of them open (so a
 * rotated-out key keeps decrypting until its blobs have been rewritten). The partition key is the
 * additional authenticated data: a blob copied into another partition fails authentication.
 */
export class TokenCacheKeyRing {
  private constructor(
    readonly currentKeyId: string,
    private readonly keys: ReadonlyMap<string, Buffer>,
  ) {}

  /** Parses `keyId:base64(32 bytes)[,…]` (the TOKEN_CACHE_KEYS format); first = current. */
  static parse(raw: string): TokenCacheKeyRing {
    const keys = new Map<string, Buffer>();
    for (const entry of raw.split(',')) {
      const [id, encoded, ...rest] = entry.trim().split(':');
      const key = Buffer.from(encoded ?? '', 'base64');
      if (!id || rest.length || key.length !== KEY_BYTES || keys.has(id)) {
        throw new Error('TOKEN_CACHE_KEYS must be keyId:base64(32 bytes), comma-separated, unique ids');
      }
      keys.set(id, key);
    }
    const [current] = keys.keys();
    if (!current) throw new Error('TOKEN_CACHE_KEYS is empty');
    return new TokenCacheKeyRing(current, keys);
  }

  /** A fresh random key in the TOKEN_CACHE_KEYS format (sandbox processes, tests). */
  static generateEntry(keyId: string): string {
    return `${keyId}:${randomBytes(KEY_BYTES).toString('base64')}`;
  }

  hasKey(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  seal(plaintext: string, partitionKey: string): SealedBlob {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.currentKeyId), iv);
    cipher.setAAD(Buffer.from(partitionKey, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { blob: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]), keyId: this.currentKeyId };
  }

  /** The plaintext, or a {@link TokenCacheDecryptError} (never a raw crypto error). */
  open(sealed: SealedBlob, partitionKey: string): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new TokenCacheDecryptError('unknown_key');
    if (sealed.blob.length < IV_BYTES + TAG_BYTES) throw new TokenCacheDecryptError('malformed');
    const iv = sealed.blob.subarray(0, IV_BYTES);
    const tag = sealed.blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(partitionKey, 'utf8'));
      decipher.setAuthTag(tag);
      const body = sealed.blob.subarray(IV_BYTES + TAG_BYTES);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch (err) {
      throw new TokenCacheDecryptError('not_authentic', { cause: err });
    }
  }

  private key(keyId: string): Buffer {
    const key = this.keys.get(keyId);
    if (!key) throw new TokenCacheDecryptError('unknown_key');
    return key;
  }
}
