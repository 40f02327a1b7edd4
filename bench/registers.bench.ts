import { parseCsv } from "../src/common/csv.js";
import { type Bench, type BenchResult, medianMs, rate } from "./harness.js";

/**
 * Reading a 100,000-row register CSV (an inventory, G3.1(b)) with the RFC 4180 reader, in the same
 * run as the naive reading a script would do — split on line breaks, then on commas — which is
 * wrong for quoted fields but shows what the reader's correctness costs. One row in twenty has a
 * quoted field (a comma in a name), as real exports do.
 */
const ROWS = 100_000;

function inventoryCsv(): string {
  const lines = ["id,system,kind,name,version,patchLevel,vendor,installedOn"];
  for (let i = 0; i < ROWS; i++) {
    const name = i % 20 === 0 ? `"Server ${i}, rack ${i % 40}"` : `package-${i}`;
    lines.push(
      `item-${i},system-${i % 50},software,${name},1.${i % 97}.0,p${i % 7},Vendor ${i % 13},2024-0${1 + (i % 9)}-1${i % 10}`,
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** The baseline: split on newlines and commas, as a quick script would. */
function naiveParse(text: string): string[][] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.replace(/\r$/, "").split(","));
}

function csvBench(): BenchResult {
  const text = inventoryCsv();
  const records = parseCsv(text);
  if (records.length !== ROWS + 1 || naiveParse(text).length !== ROWS + 1) {
    throw new Error("the CSV reader and the naive baseline disagree on the number of rows");
  }
  const value = rate(() => parseCsv(text).length);
  const baseline = rate(() => naiveParse(text).length);
  return {
    name: "registers.csv-parse-100k",
    unit: "rows/s",
    value,
    baseline: { name: "split on newlines and commas", value: baseline },
    notes: {
      rows: ROWS,
      megabytes: Number((text.length / 1e6).toFixed(1)),
      medianMs: medianMs(() => parseCsv(text), 9),
    },
  };
}

export const registersBenches: readonly Bench[] = [{ name: "registers.csv-parse-100k", run: csvBench }];
