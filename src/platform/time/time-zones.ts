import { findIana } from 'windows-iana';

/** Graph's local date-time form: no offset, optional seconds and up to 7 fractional digits. */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;
export const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function isIana(zone: string): boolean {
  if (formatters.has(zone)) return true;
  try {
    formatters.set(
      zone,
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
    );
    return true;
  } catch {
    return false;
  }
}

/**
 * The IANA zone to compute with for a zone name as Graph or a user gives it: an IANA name, a Windows
 * name (as Outlook uses, e.g. "W. Europe Standard Time"), or "UTC". Undefined when unknown.
 */
export function resolveTimeZone(zone: string): string | undefined {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  if (!zone.includes(' ') && isIana(zone)) return zone;
  const iana = findIana(zone)[0];
  return iana && isIana(iana) ? iana : undefined;
}

export function isValidLocalDateTime(value: string): boolean {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x ?? 0)) as number[];
  return isValidDate(y!, mo!, d!) && h! < 24 && mi! < 60 && s! < 60;
}

export function isValidLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  return !!m && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function isValidDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** The wall-clock time (`YYYY-MM-DDTHH:mm:ss`) of an instant in an IANA zone. */
export function utcToLocal(instant: Date, ianaZone: string): string {
  if (!isIana(ianaZone)) throw new RangeError(`unknown IANA zone: ${ianaZone}`);
  const parts = Object.fromEntries(
    formatters
      .get(ianaZone)!
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Offset of `zone` from UTC at the instant `utcMs`, in milliseconds. */
function offsetAt(utcMs: number, ianaZone: string): number {
  if (ianaZone === 'UTC') return 0;
  isIana(ianaZone);
  const parts = formatters.get(ianaZone)!.formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The UTC instant of a wall-clock time in a zone. A time skipped by a DST jump resolves forward
 * (02:30 on a spring-forward day becomes 03:30), a repeated time to its first occurrence — as
 * Outlook does.
 */
export function localToUtc(localDateTime: string, zone: string): Date {
  const iana = resolveTimeZone(zone);
  const m = LOCAL_DATE_TIME.exec(localDateTime);
  if (!iana || !m) throw new RangeError(`not a valid local time in a known zone: ${localDateTime} ${zone}`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x ?? 0)) as number[];
  const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) + Math.floor(fraction);
  // Try the offsets in force just before and after the wall time; keep the earliest that maps back.
  const candidates = [offsetAt(wall - 86_400_000, iana), offsetAt(wall + 86_400_000, iana)];
  const exact = candidates
    .map((off) => wall - off)
    .filter((utc) => utc + offsetAt(utc, iana) === wall)
    .sort((a, b) => a - b);
  if (exact.length) return new Date(exact[0]!);
  // In a gap: apply the offset from before the jump, which lands after it.
  return new Date(wall - Math.min(...candidates));
}
