-- Service Requests held by Threshold Anomaly Detection until their User decides (G6): one row per RequestID.
CREATE TABLE "quarantined_requests" (
	"request_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"request" jsonb NOT NULL,
	"breach" text NOT NULL,
	"threshold" integer NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"quarantined_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "quarantined_requests_breach" CHECK ("quarantined_requests"."breach" IN ('user-threshold', 'dcc-threshold', 'attribute-limits')),
	CONSTRAINT "quarantined_requests_status" CHECK ("quarantined_requests"."status" IN ('waiting', 'deleted', 'processed')),
	CONSTRAINT "quarantined_requests_decided" CHECK (("quarantined_requests"."status" = 'waiting') = ("quarantined_requests"."decided_by" IS NULL) AND ("quarantined_requests"."decided_by" IS NULL) = ("quarantined_requests"."decided_at" IS NULL))
);

CREATE INDEX "quarantined_requests_user_status" ON "quarantined_requests" ("user_id", "status");
