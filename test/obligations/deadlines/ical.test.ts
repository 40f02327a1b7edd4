import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Deadline } from "../../../src/obligations/deadlines/deadlines.js";
import { escapeText, foldLine, renderCalendar, uidOf } from "../../../src/obligations/ical/ical.js";

// RFC 5545 as a reader sees it, written here independently of the renderer.

/** §3.1: a CRLF followed by one space or tab continues the line before. */
function unfold(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .slice(0, -1);
}

type ContentLine = { name: string; params: Record<string, string>; value: string };

function parseLine(line: string): ContentLine {
  const colon = line.indexOf(":");
  const [name = "", ...params] = line.slice(0, colon).split(";");
  return {
    name,
    params: Object.fromEntries(params.map((p) => p.split("=") as [string, string])),
    value: line.slice(colon + 1),
  };
}

/** §3.3.11 TEXT unescaping. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

function events(text: string): ContentLine[][] {
  const out: ContentLine[][] = [];
  let current: ContentLine[] | undefined;
  for (const line of unfold(text).map(parseLine)) {
    if (line.name === "BEGIN" && line.value === "VEVENT") current = [];
    else if (line.name === "END" && line.value === "VEVENT") {
      out.push(current ?? []);
      current = undefined;
    } else current?.push(line);
  }
  return out;
}

const octets = (s: string) => Buffer.byteLength(s, "utf8");

function deadline(over: Partial<Deadline> = {}): Deadline {
  return {
    id: "G3.7(a):billing",
    clause: "G3.7(a)",
    alsoClauses: ["G3.8(a)"],
    title: "Annual vulnerability assessment of system billing",
    due: "2026-02-28",
    basis: "last vulnerability assessment 2025-02-28 + 12 months",
    status: "upcoming",
    subject: "billing",
    ...over,
  };
}

describe("RFC 5545 rendering", () => {
  it("writes a VCALENDAR of VEVENTs with CRLF line ends only", () => {
    const text = renderCalendar({ party: "acme", on: "2026-01-15", deadlines: [deadline()] });
    expect(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("writes all-day events as VALUE=DATE, hour deadlines as UTC date-times, DTSTAMP from `on`", () => {
    const text = renderCalendar({
      party: "acme",
      on: "2026-01-15",
      deadlines: [deadline(), deadline({ id: "G3.5:m", clause: "G3.5", due: "2026-02-01T22:30:00Z" })],
    });
    const [day, timed] = events(text);
    const field = (e: ContentLine[] | undefined, name: string) => e?.find((l) => l.name === name);
    expect(field(day, "DTSTART")).toEqual({ name: "DTSTART", params: { VALUE: "DATE" }, value: "20260228" });
    expect(field(day, "DTEND")?.value).toBe("20260301");
    expect(field(timed, "DTSTART")).toEqual({ name: "DTSTART", params: {}, value: "20260201T223000Z" });
    expect(field(day, "DTSTAMP")?.value).toBe("20260115T000000Z");
    expect(field(day, "UID")?.value).toBe(uidOf("acme", deadline()));
  });

  it("keeps UIDs stable per deadline and distinct between deadlines", () => {
    expect(uidOf("acme", deadline({ id: ":0" }))).not.toBe(uidOf("acme", deadline({ id: "\u03a0" })));
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const ua = uidOf("acme", deadline({ id: a }));
        expect(ua).toBe(uidOf("acme", deadline({ id: a })));
        if (a !== b) expect(ua).not.toBe(uidOf("acme", deadline({ id: b })));
        expect(ua).toMatch(/^[A-Za-z0-9._-]*@acme\.secg$/);
      }),
    );
  });

  it("escapes backslash, semicolon, comma and newlines in TEXT", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
  });

  it("folds at 75 octets without splitting a character, and unfolds back to the line", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (value) => {
        const line = `DESCRIPTION:${value.replace(/[\r\n]/g, " ")}`;
        const folded = foldLine(line);
        for (const part of folded.split("\r\n")) expect(octets(part)).toBeLessThanOrEqual(75);
        expect(unfold(`${folded}\r\n`)).toEqual([line]);
      }),
    );
  });

  it("round-trips any title and basis through fold, escape, unfold and unescape", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.string({ unit: "grapheme", maxLength: 200 }),
        (title, basis) => {
          const text = renderCalendar({
            party: "acme",
            on: "2026-01-15",
            deadlines: [deadline({ title, basis })],
          });
          for (const line of text.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
          const [event] = events(text);
          const summary = unescapeText(event?.find((l) => l.name === "SUMMARY")?.value ?? "");
          const description = unescapeText(event?.find((l) => l.name === "DESCRIPTION")?.value ?? "");
          expect(summary).toBe(`G3.7(a) ${title.replace(/\r\n|\r/g, "\n")}`);
          expect(description.startsWith(`${basis.replace(/\r\n|\r/g, "\n")}\nStatus: upcoming`)).toBe(true);
        },
      ),
    );
  });
});
