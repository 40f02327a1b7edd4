-- The workspace registers (docs/registers.md): one row per record of any register, the record as
-- validated JSON with the SHA-256 of its canonical form, so every register shares one engine.
CREATE TABLE "register_records" (
	"party" text NOT NULL REFERENCES "parties" ("id"),
	"register" text NOT NULL,
	"id" text NOT NULL,
	"record" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "register_records_pkey" PRIMARY KEY ("party", "register", "id"),
	CONSTRAINT "register_records_sha256_hex" CHECK ("register_records"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "register_records_version" CHECK ("register_records"."version" >= 1)
);

-- The files behind evidence records, kept apart so listing a register never reads file bytes.
CREATE TABLE "evidence_files" (
	"party" text NOT NULL,
	"register" text DEFAULT 'evidence' NOT NULL,
	"evidence_id" text NOT NULL,
	"bytes" bytea NOT NULL,
	"sha256" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	CONSTRAINT "evidence_files_pkey" PRIMARY KEY ("party", "evidence_id"),
	-- The file goes with its record: deleting the record deletes the file in the same statement.
	CONSTRAINT "evidence_files_record" FOREIGN KEY ("party", "register", "evidence_id") REFERENCES "register_records" ("party", "register", "id") ON DELETE CASCADE,
	CONSTRAINT "evidence_files_register" CHECK ("evidence_files"."register" = 'evidence'),
	CONSTRAINT "evidence_files_sha256_hex" CHECK ("evidence_files"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "evidence_files_size" CHECK ("evidence_files"."size" = octet_length("evidence_files"."bytes"))
);
