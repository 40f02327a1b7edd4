-- Parties: one row per SEC Party, holding its validated profile (../shared/contracts/party-profile.md).
CREATE TABLE "parties" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"profile" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "parties_id_format" CHECK ("id" ~ '^[a-z0-9-]+$')
);
