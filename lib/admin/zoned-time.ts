// Calendar dates in the merchant's time zone (REPORT_TZ) ↔ instants. The console's date filters
// mean local days: `from=2026-01-01` starts at midnight in Shanghai, not in UTC.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone. */
export function zonedParts(instant: Date, timeZone: string) {
  const parts = formatter(timeZone).formatToParts(instant);
  // The formatter is built with every one of these fields, so each is always present.
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? '';
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

/** [year, month, day] of a YYYY-MM-DD date. */
export function ymd(date: string): [number, number, number] {
  const [y = NaN, m = NaN, d = NaN] = date.split('-').map(Number);
  return [y, m, d];
}

/** 2026-11-23: the local calendar date of an instant. */
export function localDate(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** 2026-11-23 14:05:09, local time. */
export function localDateTime(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

// How far the zone's wall clock is ahead of UTC at an instant, in ms.
function offsetAt(instant: number, timeZone: string): number {
  const p = zonedParts(new Date(instant), timeZone);
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a local calendar day (YYYY-MM-DD) begins in a zone. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = ymd(date);
  const wall = Date.UTC(y, m - 1, d);
  // Midnight under the offset in force before the day and under the one after it (the same unless
  // the clocks change nearby); the day begins at the earliest of these that falls on the day. When
  // a DST change skips midnight itself, that is the instant of the change.
  const day = 24 * 3600_000;
  const before = wall - offsetAt(wall - day, timeZone);
  const after = wall - offsetAt(wall + day, timeZone);
  const [earlier, later] = before <= after ? [before, after] : [after, before];
  return new Date([earlier, later].find((t) => localDate(new Date(t), timeZone) === date) ?? earlier);
}

/** YYYY-MM-DD plus n calendar days. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = ymd(date);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
