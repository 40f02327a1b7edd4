-- Retention of the audit log (docs/audit-log.md, "Retention"): the text of old entries may be
-- removed, never their leaf hashes, so the tree, every checkpoint and every proof stay verifiable.
-- The only change the audit tables ever accept is setting an integrated entry's text to NULL,
-- and only in the transaction that recorded a retention covering that leaf.
ALTER TABLE "audit_entries" ALTER COLUMN "entry" DROP NOT NULL;

-- One row per retention: leaves [pruned_from, pruned_to) lost their text, after being archived in
-- a bundle of archive_size entries whose SHA-256 is archive_sha256. audit_seq is the entry that
-- records the retention itself, written in the same transaction.
CREATE TABLE "audit_retentions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"pruned_from" bigint NOT NULL CHECK ("pruned_from" >= 0),
	"pruned_to" bigint NOT NULL,
	"cut" timestamp with time zone NOT NULL,
	"archive_sha256" text NOT NULL CHECK ("archive_sha256" ~ '^[0-9a-f]{64}$'),
	"archive_size" bigint NOT NULL,
	"audit_seq" bigint NOT NULL UNIQUE REFERENCES "audit_entries" ("seq"),
	"transaction_id" bigint NOT NULL DEFAULT txid_current(),
	CONSTRAINT "audit_retentions_range" CHECK ("pruned_to" > "pruned_from" AND "pruned_to" <= "archive_size")
);

CREATE TRIGGER "audit_retentions_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_retentions"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"();
CREATE TRIGGER "audit_retentions_no_truncate" BEFORE TRUNCATE ON "audit_retentions"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();

-- Replaces the row trigger of 0002: DELETE is still refused, and so is every UPDATE except the
-- one retention makes.
CREATE FUNCTION "audit_entries_refuse_change_but_retention"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD."entry" IS NOT NULL AND NEW."entry" IS NULL
       AND NEW."seq" = OLD."seq" AND NEW."leaf_hash" = OLD."leaf_hash"
       AND NEW."recorded_at" = OLD."recorded_at"
       AND EXISTS (
         SELECT 1 FROM "audit_retentions" r
           JOIN "audit_tree_leaves" l ON l."index" >= r."pruned_from" AND l."index" < r."pruned_to"
          WHERE r."transaction_id" = txid_current() AND l."seq" = OLD."seq")
    THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_entries is append-only: UPDATE refused (only a recorded retention may remove the text of an integrated entry)'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER "audit_entries_no_update_delete" ON "audit_entries";
CREATE TRIGGER "audit_entries_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_entries"
  FOR EACH ROW EXECUTE FUNCTION "audit_entries_refuse_change_but_retention"();
