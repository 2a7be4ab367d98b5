/** Days before today that the meetings sync covers (FACTS §0.3: event delta needs a window). */
export const WINDOW_DAYS_BACK = 365;
/** Days after today that the meetings sync covers. */
export const WINDOW_DAYS_AHEAD = 730;

const DAY = 86_400_000;

/**
 * How long a calendarView delta round goes on before a fresh one moves its window (Graph encodes the
 * window in the round's tokens, FACTS §10). A week: an event can sit beyond the round's end for at
 * most 7 of the window's 730 days ahead (two years out, so nothing due soon is missed), while the
 * fresh round's full enumeration and reconciliation cost each member one calendar read a week.
 */
export const ROUND_MAX_AGE_MS = 7 * DAY;

/**
 * The calendar window meetings sync over: one year back to two years ahead, from the start of the
 * current UTC day (so two rounds started the same day ask for the same window). A delta round
 * keeps the window it started with (Graph encodes it in its tokens); a fresh round (enable, 410
 * resync, or the round older than {@link ROUND_MAX_AGE_MS}) moves it forward.
 */
export function syncWindow(now: Date = new Date()): { start: Date; end: Date } {
  const today = Math.floor(now.getTime() / DAY) * DAY;
  return { start: new Date(today - WINDOW_DAYS_BACK * DAY), end: new Date(today + WINDOW_DAYS_AHEAD * DAY) };
}

/** An instant as a Graph window parameter (`2026-03-29T00:00:00Z`). */
export const windowParam = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
