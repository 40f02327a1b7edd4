-- The live ADT service polls for Users' decisions by the time they were made: only decided rows have one.
CREATE INDEX "quarantined_requests_decided_at" ON "quarantined_requests" ("decided_at") WHERE "decided_at" IS NOT NULL;
