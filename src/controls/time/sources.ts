import { z } from "zod";
import { parseStructured } from "../../common/structured-input.js";

/**
 * Which time sources to compare (G2.46): the Network Time (the DCC's sources the Communications
 * Hubs follow) and at least two Independent Time Sources, with the levels of a material
 * difference and how many samples to take.
 */
const source = z.strictObject({
  name: z.string().min(1).optional(),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(123),
});

const sourcesSchema = z.strictObject({
  networkTime: z.array(source).min(1),
  independent: z.array(source).min(2),
  samples: z.number().int().min(1).max(64).default(4),
  timeoutMs: z.number().int().positive().default(1000),
  intervalMs: z.number().int().nonnegative().default(50),
  thresholds: z
    .strictObject({
      warningMs: z.number().positive().default(50),
      criticalMs: z.number().positive().default(1000),
    })
    .default({ warningMs: 50, criticalMs: 1000 }),
});

export type TimeSources = z.output<typeof sourcesSchema>;
export type TimeSource = z.output<typeof source>;

export function parseTimeSources(text: string, file: string): TimeSources {
  return parseStructured(text, file, sourcesSchema);
}
