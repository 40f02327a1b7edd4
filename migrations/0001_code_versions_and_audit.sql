-- Code versions (clauses, definitions, effects register) and the audit log's entries.
CREATE TYPE "public"."code_effect_kind" AS ENUM('inserted', 'substituted', 'repealed', 'renumbered');
CREATE TABLE "audit_entries" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entry" text NOT NULL,
	"leaf_hash" "bytea" NOT NULL,
	CONSTRAINT "audit_entries_leaf_hash_length" CHECK (octet_length("audit_entries"."leaf_hash") = 32)
);

CREATE TABLE "code_clauses" (
	"version_id" integer NOT NULL,
	"clause_id" text NOT NULL,
	"position" integer NOT NULL,
	"part" text NOT NULL,
	"heading" text NOT NULL,
	"text" text NOT NULL,
	"intro" text NOT NULL,
	"paragraphs" jsonb NOT NULL,
	"trailing" text,
	"not_used" boolean NOT NULL,
	"references" jsonb NOT NULL,
	"line" integer NOT NULL,
	CONSTRAINT "code_clauses_version_id_clause_id_pk" PRIMARY KEY("version_id","clause_id"),
	CONSTRAINT "code_clauses_version_id_position_unique" UNIQUE("version_id","position")
);

CREATE TABLE "code_definitions" (
	"version_id" integer NOT NULL,
	"position" integer NOT NULL,
	"term" text NOT NULL,
	"text" text NOT NULL,
	"clause_id" text,
	CONSTRAINT "code_definitions_version_id_position_pk" PRIMARY KEY("version_id","position")
);

CREATE TABLE "code_effects" (
	"to_version_id" integer NOT NULL,
	"position" integer NOT NULL,
	"from_version_id" integer NOT NULL,
	"clause_id" text NOT NULL,
	"kind" "code_effect_kind" NOT NULL,
	"renumbered_from" text,
	"made_by" text,
	CONSTRAINT "code_effects_to_version_id_position_pk" PRIMARY KEY("to_version_id","position"),
	CONSTRAINT "code_effects_renumbered_from" CHECK (("code_effects"."kind" = 'renumbered') = ("code_effects"."renumbered_from" IS NOT NULL))
);

CREATE TABLE "code_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "code_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"label" text NOT NULL,
	"in_force" date NOT NULL,
	"made_by" text,
	"sha256" text NOT NULL,
	"source_name" text NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"parts" jsonb NOT NULL,
	"problems" jsonb NOT NULL,
	CONSTRAINT "code_versions_label_unique" UNIQUE("label"),
	CONSTRAINT "code_versions_in_force_unique" UNIQUE("in_force"),
	CONSTRAINT "code_versions_sha256_hex" CHECK ("code_versions"."sha256" ~ '^[0-9a-f]{64}$')
);

ALTER TABLE "code_clauses" ADD CONSTRAINT "code_clauses_version_id_code_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."code_versions"("id") ON DELETE no action ON UPDATE no action;
ALTER TABLE "code_definitions" ADD CONSTRAINT "code_definitions_version_id_code_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."code_versions"("id") ON DELETE no action ON UPDATE no action;
ALTER TABLE "code_effects" ADD CONSTRAINT "code_effects_to_version_id_code_versions_id_fk" FOREIGN KEY ("to_version_id") REFERENCES "public"."code_versions"("id") ON DELETE no action ON UPDATE no action;
ALTER TABLE "code_effects" ADD CONSTRAINT "code_effects_from_version_id_code_versions_id_fk" FOREIGN KEY ("from_version_id") REFERENCES "public"."code_versions"("id") ON DELETE no action ON UPDATE no action;