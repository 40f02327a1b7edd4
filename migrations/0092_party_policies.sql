-- Each party's own security policy (docs/rule-checks.md): the periods and thresholds the Code
-- leaves to the party (cooling-off, the SSC-approved development gap, what "promptly" means, the
-- anomaly rules), read by the rule checks. One row per party; absent means the checks' defaults.
CREATE TABLE "party_policies" (
	"party" text PRIMARY KEY NOT NULL REFERENCES "parties" ("id"),
	"policy" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "party_policies_sha256_hex" CHECK ("party_policies"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "party_policies_version" CHECK ("party_policies"."version" >= 1)
);
