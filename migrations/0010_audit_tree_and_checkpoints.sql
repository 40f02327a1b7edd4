-- The audit log's Merkle tree (RFC 6962), its signing keys and its signed checkpoints.
-- Like the entries, all of it is append-only: a signed root must stay provable forever.
CREATE TABLE "audit_log" (
	"singleton" boolean PRIMARY KEY DEFAULT true CHECK ("singleton"),
	"origin" text NOT NULL
);
INSERT INTO "audit_log" ("origin") VALUES ('secg/audit/' || gen_random_uuid()::text);

-- Which entry is which leaf: seq may have gaps (a rolled-back append), leaf indexes never do.
CREATE TABLE "audit_tree_leaves" (
	"index" bigint PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL UNIQUE REFERENCES "audit_entries" ("seq")
);

-- Every complete aligned subtree: level 0 holds the leaf hashes as they were integrated.
CREATE TABLE "audit_tree_nodes" (
	"level" integer NOT NULL CHECK ("level" >= 0 AND "level" < 64),
	"index" bigint NOT NULL CHECK ("index" >= 0),
	"hash" bytea NOT NULL CHECK (octet_length("hash") = 32),
	PRIMARY KEY ("level", "index")
);

CREATE TABLE "audit_keys" (
	"name" text PRIMARY KEY NOT NULL,
	"key_id" bytea NOT NULL CHECK (octet_length("key_id") = 4),
	"public_key" bytea NOT NULL CHECK (octet_length("public_key") = 32),
	"registered_at" timestamp with time zone NOT NULL
);

CREATE TABLE "audit_checkpoints" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"size" bigint NOT NULL CHECK ("size" >= 0),
	"root" bytea NOT NULL CHECK (octet_length("root") = 32),
	"key_name" text NOT NULL REFERENCES "audit_keys" ("name"),
	"note" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL
);

CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "audit_log_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"();
CREATE TRIGGER "audit_tree_leaves_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_tree_leaves"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"();
CREATE TRIGGER "audit_tree_nodes_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_tree_nodes"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"();
CREATE TRIGGER "audit_keys_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_keys"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"();
CREATE TRIGGER "audit_checkpoints_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_checkpoints"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"();
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();
CREATE TRIGGER "audit_tree_leaves_no_truncate" BEFORE TRUNCATE ON "audit_tree_leaves"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();
CREATE TRIGGER "audit_tree_nodes_no_truncate" BEFORE TRUNCATE ON "audit_tree_nodes"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();
CREATE TRIGGER "audit_keys_no_truncate" BEFORE TRUNCATE ON "audit_keys"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();
CREATE TRIGGER "audit_checkpoints_no_truncate" BEFORE TRUNCATE ON "audit_checkpoints"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();
