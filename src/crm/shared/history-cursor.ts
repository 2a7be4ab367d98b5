import { BadRequestError } from '../../platform/errors/app-error.js';
import type { HistoryCursor } from './field-history.repo.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeHistoryCursor(c: HistoryCursor): string {
  return Buffer.from(`${c.version}.${c.id}`).toString('base64url');
}

export function decodeHistoryCursor(raw: string): HistoryCursor {
  const [version, id] = Buffer.from(raw, 'base64url').toString('utf8').split('.');
  if (!version || !/^\d{1,9}$/.test(version) || !id || !UUID.test(id)) {
    throw new BadRequestError('invalid_cursor', 'The cursor is not valid; start again from the first page.');
  }
  return { version: Number(version), id };
}
