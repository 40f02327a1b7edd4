-- Assessment workflows (docs/workflows.md): one row per workflow with its current state and data, and
-- one row per step. `version` counts the steps: a step names the version it applies to, so two people
-- acting on the same workflow at once cannot both succeed.
CREATE TABLE "workflows" (
	"id" text PRIMARY KEY NOT NULL,
	"party" text NOT NULL REFERENCES "parties" ("id"),
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"state" text NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "workflows_kind" CHECK ("workflows"."kind" IN ('user', 'entry', 'triage-entry', 'dcc')),
	CONSTRAINT "workflows_category" CHECK ("workflows"."category" IN ('full', 'verification', 'self', 'follow-up')),
	CONSTRAINT "workflows_version" CHECK ("workflows"."version" >= 1)
);
CREATE INDEX "workflows_party" ON "workflows" ("party", "created_at");

CREATE TABLE "workflow_steps" (
	"workflow_id" text NOT NULL REFERENCES "workflows" ("id"),
	"version" integer NOT NULL,
	"transition" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"clause" text NOT NULL,
	"actor" text NOT NULL,
	"role" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"on_date" date NOT NULL,
	"payload" jsonb NOT NULL,
	CONSTRAINT "workflow_steps_pkey" PRIMARY KEY ("workflow_id", "version"),
	CONSTRAINT "workflow_steps_first" CHECK (("version" = 1) = ("from_state" IS NULL))
);
