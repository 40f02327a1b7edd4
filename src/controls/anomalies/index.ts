/** Anomalous-event detection (G2.29–G2.30, G3.15–G3.16), pure: rules and events in, candidates out. */
export { type Candidate, detectAnomalies } from "./detect.js";
export { type FeedEvent, parseFeed } from "./feed.js";
export { parseRuleSet, type RuleSet } from "./rules.js";
