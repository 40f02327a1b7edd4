import { type Clock, querySntp, type Sample, systemClock } from "./sntp-client.js";
import type { TimeSource, TimeSources } from "./sources.js";

/**
 * Several samples per source. The offset kept is the one from the sample with the shortest
 * round trip (the least disturbed by queueing), jitter is the RMS spread of the sample offsets
 * around it. A kiss-o'-death DENY or RSTR stops querying that source at once (RFC 4330 §8).
 */
export type SourceMeasurement = {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly samples: number;
  readonly offsetMs?: number;
  readonly delayMs?: number;
  readonly jitterMs?: number;
  readonly failures: readonly string[];
  readonly kiss?: string;
};

export async function measureSource(
  source: TimeSource,
  config: Pick<TimeSources, "samples" | "timeoutMs" | "intervalMs">,
  clock: Clock = systemClock,
): Promise<SourceMeasurement> {
  const good: Extract<Sample, { ok: true }>[] = [];
  const failures: string[] = [];
  let kiss: string | undefined;
  for (let i = 0; i < config.samples; i++) {
    if (i > 0 && config.intervalMs > 0) await new Promise((r) => setTimeout(r, config.intervalMs));
    const sample = await querySntp(source.host, source.port, config.timeoutMs, clock);
    if (sample.ok) good.push(sample);
    else {
      failures.push(sample.reason);
      if (sample.kiss) kiss = sample.kiss;
      if (sample.kiss === "DENY" || sample.kiss === "RSTR" || sample.kiss === "RATE") break;
    }
  }
  const base = {
    name: source.name ?? `${source.host}:${source.port}`,
    host: source.host,
    port: source.port,
    samples: good.length,
    failures,
    ...(kiss ? { kiss } : {}),
  };
  const best = good.reduce<(typeof good)[number] | undefined>(
    (b, s) => (!b || s.delayMs < b.delayMs ? s : b),
    undefined,
  );
  if (!best) return base;
  const jitterMs = Math.sqrt(
    good.reduce((sum, s) => sum + (s.offsetMs - best.offsetMs) ** 2, 0) / good.length,
  );
  return { ...base, offsetMs: best.offsetMs, delayMs: best.delayMs, jitterMs };
}
