/**
 * The words anomaly feeds and rules share: where an event comes from, and what an ADT outcome
 * and its breach can be. Pure data, so the dashboard's rule editor offers the same choices the
 * rules' schema accepts.
 */
export const sources = ["adt", "device-audit", "device-error", "incident-log", "sm-wan"] as const;
export type Source = (typeof sources)[number];
export const adtOutcomes = ["processed", "warned", "quarantined", "deleted"] as const;
export const breaches = ["user-threshold", "dcc-threshold", "attribute-limits"] as const;
