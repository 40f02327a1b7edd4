/**
 * RFC 5545 iCalendar text for a list of deadlines: one VEVENT each, all-day events for dates and UTC
 * date-times for deadlines counted in hours. Pure: DTSTAMP comes from the date the deadlines were
 * computed for, so the same input gives the same bytes (calendar clients then see no spurious change).
 */
import type { Deadline } from "../deadlines/deadlines.js";

const crlf = "\r\n";
const maxOctets = 75;

/** TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, "\\n");
}

function utf8Octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Splits a content line into lines of at most 75 octets, each continuation starting with one space
 * (§3.1). Cuts fall between characters, never inside a UTF-8 sequence or a surrogate pair.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = utf8Octets(char.codePointAt(0)!);
    if (octets + size > maxOctets) {
      parts.push(current);
      current = " ";
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(crlf);
}

function compactDate(date: string): string {
  return date.slice(0, 10).replaceAll("-", "");
}

function nextDay(date: string): string {
  const next = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return compactDate(next.toISOString());
}

/**
 * A UID unique per deadline and party and stable across runs. Other characters become `_` and four hex
 * digits, a fixed width so that two different ids can never be written the same.
 */
export function uidOf(party: string, deadline: Deadline): string {
  return `${deadline.id.replace(/[^A-Za-z0-9.-]/g, (c) => `_${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}@${party}.secg`;
}

function eventLines(party: string, stamp: string, deadline: Deadline): string[] {
  const timed = deadline.due.length > 10;
  const start = timed
    ? [`DTSTART:${compactDate(deadline.due)}T${deadline.due.slice(11, 19).replaceAll(":", "")}Z`]
    : [`DTSTART;VALUE=DATE:${compactDate(deadline.due)}`, `DTEND;VALUE=DATE:${nextDay(deadline.due)}`];
  const clauses = [deadline.clause, ...deadline.alsoClauses].join(", ");
  return [
    "BEGIN:VEVENT",
    `UID:${uidOf(party, deadline)}`,
    `DTSTAMP:${stamp}`,
    ...start,
    `SUMMARY:${escapeText(`${deadline.clause} ${deadline.title}`)}`,
    `DESCRIPTION:${escapeText(`${deadline.basis}\nStatus: ${deadline.status}\nClauses: ${clauses}\nSubject: ${deadline.subject}`)}`,
    `CATEGORIES:${escapeText(deadline.status)}`,
    "END:VEVENT",
  ];
}

export function renderCalendar(answer: {
  party: string;
  on: string;
  deadlines: readonly Deadline[];
}): string {
  const stamp = `${compactDate(answer.on)}T000000Z`;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//secg//deadlines//EN",
    "CALSCALE:GREGORIAN",
    `X-WR-CALNAME:${escapeText(`SEC Section G deadlines: ${answer.party}`)}`,
    ...answer.deadlines.flatMap((d) => eventLines(answer.party, stamp, d)),
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join(crlf) + crlf;
}
