/**
 * A moment as Adaptive Card date/time functions, so each reader's Teams shows it in their own locale
 * and time zone (`{{DATE(…, SHORT)}} {{TIME(…)}}` need RFC 3339 without fractions of a second).
 */
export function cardTime(iso: string): string {
  const at = new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${at}, SHORT)}} {{TIME(${at})}}`;
}
