import type { Command } from "commander";
import { InputError } from "../common/input-error.js";
import { bankHolidays, firstTabulatedYear } from "../obligations/calendar/bank-holidays.js";
import { type IsoDate, parseIsoDate, toParts } from "../obligations/calendar/iso-date.js";
import { addMonths } from "../obligations/calendar/months.js";
import { addWorkingDays } from "../obligations/calendar/working-days.js";
import { type CliIo, printJson } from "./io.js";
import type { Run } from "./program.js";

function wholeNumber(text: string, argument: string, what: string): number {
  const n = /^[+-]?\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n))
    throw new InputError({ path: argument }, `a whole number of ${what}, like 12 or -3 (got "${text}")`);
  return n;
}

/** Runs a calendar computation, placing any range error it raises on the argument that caused it. */
function at<T>(argument: string, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof InputError && error.where.path === undefined) {
      throw new InputError({ ...error.where, path: argument }, error.expected);
    }
    throw error;
  }
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerCalendarCommands(program: Command, io: CliIo, run: Run): void {
  const group = program
    .command("calendar")
    .description("Month periods (corresponding-date rule) and Working Days in England and Wales");
  const print = (date: IsoDate, json: boolean | undefined) => {
    if (json) printJson(io, { date });
    else io.out(`${date}\n`);
    return 0 as const;
  };

  group
    .command("add-months")
    .description(
      "the date N months after DATE (before it when N is negative), by the corresponding-date rule",
    )
    .argument("<DATE>", "a date, YYYY-MM-DD")
    .argument("<N>", "whole months, may be negative")
    .option("--json", 'print {"date": …}')
    .action(
      run((date: string, n: string, opts: { json?: boolean }) => {
        const from = parseIsoDate(date, { path: "DATE" });
        const months = wholeNumber(n, "N", "months");
        return print(
          at("N", () => addMonths(from, months)),
          opts.json,
        );
      }),
    );

  group
    .command("add-working-days")
    .description(
      "the N-th Working Day after DATE (before it when N is negative; 0: DATE or the next Working Day)",
    )
    .argument("<DATE>", "a date from 1995 on, YYYY-MM-DD")
    .argument("<N>", "whole Working Days, may be negative")
    .option(
      "--holiday <date>",
      "an extra non-Working Day, such as a newly proclaimed bank holiday (repeatable)",
      collect,
      [],
    )
    .option("--json", 'print {"date": …}')
    .action(
      run((date: string, n: string, opts: { holiday: string[]; json?: boolean }) => {
        const from = parseIsoDate(date, { path: "DATE" });
        const days = wholeNumber(n, "N", "Working Days");
        const extra = opts.holiday.map((h) => parseIsoDate(h, { path: "--holiday" }));
        if (toParts(from).year < firstTabulatedYear) {
          throw new InputError(
            { path: "DATE" },
            `a date from ${firstTabulatedYear}-01-01 on, where the bank holiday table starts (got "${date}")`,
          );
        }
        return print(
          at("N", () => addWorkingDays(from, days, extra)),
          opts.json,
        );
      }),
    );

  group
    .command("bank-holidays")
    .description("the bank holidays in England and Wales that secg knows for YEAR (from 1995)")
    .argument("<YEAR>", "a year, 1995 or later")
    .option("--json", 'print {"year": …, "holidays": [{"date", "name"}]}')
    .action(
      run((text: string, opts: { json?: boolean }) => {
        const year = /^\d{4}$/.test(text) ? Number(text) : Number.NaN;
        const holidays = at("YEAR", () => bankHolidays(year));
        if (opts.json) printJson(io, { year, holidays });
        else for (const h of holidays) io.out(`${h.date}  ${h.name}\n`);
        return 0;
      }),
    );
}
