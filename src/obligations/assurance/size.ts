import {
  domesticLimit,
  isLargeNetwork,
  isLargeSupplier,
  nonDomesticLimit,
  type PremisesCount,
  weightedLimit,
} from "../applicability/premises.js";

/**
 * The size tests that pick a cycle. A supplier is "large" (G8.41) when any of: more than 250,000
 * domestic premises (a), more than 50,000 non-domestic premises (b), or 5 × non-domestic + domestic
 * above 250,000 (c) — strictly above in each, so exactly 250,000 or exactly 50,000 is not large. A
 * network party is large (G8.44) above 250,000 domestic premises and small (G8.45) at 250,000 or fewer.
 */

export type SupplierTest = {
  readonly large: boolean;
  readonly holds: readonly ("G8.41(a)" | "G8.41(b)" | "G8.41(c)")[];
  readonly because: string;
};

export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

const compare = (value: number, limit: number) =>
  `${formatCount(value)} ${value > limit ? ">" : "≤"} ${formatCount(limit)}`;

export function supplierTest(count: PremisesCount): SupplierTest {
  const { domestic: d, nonDomestic: n } = count;
  const weighted = 5 * n + d;
  const holds = [
    ...(d > domesticLimit ? (["G8.41(a)"] as const) : []),
    ...(n > nonDomesticLimit ? (["G8.41(b)"] as const) : []),
    ...(weighted > weightedLimit ? (["G8.41(c)"] as const) : []),
  ];
  const figures = `D = ${compare(d, domesticLimit)}, N = ${compare(n, nonDomesticLimit)}, (5N)+D = ${compare(weighted, weightedLimit)}`;
  return {
    large: isLargeSupplier(count),
    holds,
    because:
      holds.length > 0
        ? `${figures}: ${holds.join(", ")} ${holds.length === 1 ? "holds" : "hold"}, so G8.41 applies`
        : `${figures}: none of G8.41(a)–(c) holds, so G8.42 applies`,
  };
}

export type NetworkTest = { readonly large: boolean; readonly because: string };

export function networkTest(count: PremisesCount): NetworkTest {
  const large = isLargeNetwork(count);
  return {
    large,
    because: `domestic premises ${compare(count.domestic, domesticLimit)}, so ${large ? "G8.44" : "G8.45"} applies`,
  };
}
