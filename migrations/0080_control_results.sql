-- Control runs, the findings they raise, and the leases that let several servers share one schedule.

-- One run of a control (drift, ports, time, ...) for a party: when, how, what it found, and the
-- obligations it is evidence for. result_sha256 is SHA-256 of the result's RFC 8785 canonical JSON.
CREATE TABLE "control_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"party" text NOT NULL REFERENCES "parties" ("id"),
	"control" text NOT NULL,
	"system" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"result" jsonb NOT NULL,
	"obligations" text[] NOT NULL,
	"result_sha256" text NOT NULL,
	CONSTRAINT "control_runs_method" CHECK ("method" IN ('test')),
	CONSTRAINT "control_runs_status" CHECK ("status" IN ('pass', 'findings', 'error')),
	CONSTRAINT "control_runs_result_sha256_hex" CHECK ("result_sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "control_runs_order" CHECK ("finished_at" >= "started_at")
);
CREATE INDEX "control_runs_party_control" ON "control_runs" ("party", "control", "finished_at");

-- One deviation, whoever found it: source says what raised it ("control:drift", later "rule:...",
-- "assessment:..."); fingerprint says which deviation it is, stable from one observation to the next.
CREATE TABLE "findings" (
	"id" text PRIMARY KEY NOT NULL,
	"party" text NOT NULL REFERENCES "parties" ("id"),
	"source" text NOT NULL,
	"system" text,
	"kind" text NOT NULL,
	"fingerprint" text NOT NULL,
	"obligations" text[] NOT NULL,
	"severity" text NOT NULL,
	"title" text NOT NULL,
	"detail" text NOT NULL,
	"status" text NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"rectified_at" timestamp with time zone,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"note" text,
	CONSTRAINT "findings_severity" CHECK ("severity" IN ('low', 'medium', 'high', 'critical')),
	CONSTRAINT "findings_status" CHECK ("status" IN ('open', 'rectified', 'accepted')),
	CONSTRAINT "findings_rectified" CHECK (("status" = 'rectified') = ("rectified_at" IS NOT NULL)),
	CONSTRAINT "findings_accepted" CHECK ("status" <> 'accepted' OR ("decided_by" IS NOT NULL AND "note" IS NOT NULL))
);
-- At most one live (open or accepted) finding per deviation; once rectified, a recurrence is a new one.
CREATE UNIQUE INDEX "findings_live_fingerprint" ON "findings" ("party", "source", coalesce("system", ''), "fingerprint")
	WHERE "status" <> 'rectified';
CREATE INDEX "findings_party_status" ON "findings" ("party", "status");

-- Which runs saw which finding: a finding seen every five minutes for a year stays one row above.
CREATE TABLE "finding_observations" (
	"finding_id" text NOT NULL REFERENCES "findings" ("id"),
	"run_id" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	PRIMARY KEY ("finding_id", "run_id")
);

-- One row per scheduled job: when it is next due, and which server holds it until when.
CREATE TABLE "schedule_leases" (
	"job" text PRIMARY KEY NOT NULL,
	"next_due" timestamp with time zone NOT NULL,
	"holder" text,
	"lease_until" timestamp with time zone,
	"last_started_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	CONSTRAINT "schedule_leases_holder" CHECK (("holder" IS NULL) = ("lease_until" IS NULL))
);
