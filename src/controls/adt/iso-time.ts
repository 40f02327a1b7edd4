/**
 * ISO-8601 times and durations as the ADT inputs use them, in milliseconds. Timestamps must be
 * UTC (`Z`) so that a replay never depends on the machine's time zone; durations must have a
 * fixed length (weeks, days, hours, minutes, seconds), since a sliding window of "one month"
 * would change length with the calendar.
 */

/** Milliseconds since the epoch, or undefined when `text` is not a valid UTC timestamp. */
export function parseUtcTimestamp(text: string): number | undefined {
  // YYYY-MM-DDTHH:MM:SS[.s[s[s]]]Z, read by hand: this runs once per replayed request.
  const n = text.length;
  if ((n !== 20 && (n < 22 || n > 24)) || text.charCodeAt(n - 1) !== 90) return undefined;
  if (text[4] !== "-" || text[7] !== "-" || text[10] !== "T" || text[13] !== ":" || text[16] !== ":") {
    return undefined;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let ms = 0;
  if (n > 20) {
    if (text[19] !== ".") return undefined;
    const fraction = digits(text, 20, n - 21);
    if (fraction < 0) return undefined;
    ms = fraction * 10 ** (24 - n);
  }
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  // Date.UTC reads years 0–99 as 1900–1999; a 400-year cycle later has the same calendar.
  return year < 100
    ? Date.UTC(year + 400, month - 1, day, hour, minute, second, ms) - fourCenturiesMs
    : Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

const fourCenturiesMs = 146_097 * 86_400_000;

/** The number spelt by `count` decimal digits at `from`, or -1 if any is not a digit. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const duration = /^P(?:(\d+)W|(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d{1,3}))?S)?)?)$/;

/** Length in milliseconds of a fixed-length ISO-8601 duration (PT24H, P7D, P1W, PT90M), or undefined. */
export function parseIsoDuration(text: string): number | undefined {
  const m = duration.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return undefined;
  const [weeks, days, hours, minutes, seconds] = m.slice(1, 6).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const fractionMs = m[6] === undefined ? 0 : Number(m[6].padEnd(3, "0"));
  const ms = ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000 + fractionMs;
  return ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}
