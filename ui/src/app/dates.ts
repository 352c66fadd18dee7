// Dates as the files carry them: Rust reads a date written in a file as that day in UTC, so the UI
// writes and shows dates the same way.

/** Today as a date field's value (YYYY-MM-DD). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The last second of a date field's day, in seconds since 1970: newer than that day's snapshot. */
export function endOfDay(date: string): number {
  return Date.parse(`${date}T23:59:59Z`) / 1000;
}

/** A moment (seconds since 1970) as a day, in the UI's language. */
export function day(seconds: number, en: boolean): string {
  return new Intl.DateTimeFormat(en ? "en" : "ja", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(seconds * 1000));
}

/** A moment (seconds since 1970) as a date field's value (YYYY-MM-DD, that day in UTC). */
export function isoDay(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}
