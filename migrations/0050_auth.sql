-- People who sign in to the workspace, their roles per party, browser sessions, API tokens and
-- the login attempts that throttling counts. Secrets are never stored: passwords as argon2id PHC
-- strings, session and token secrets as SHA-256 digests.
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL UNIQUE,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"must_change_password" boolean NOT NULL,
	"disabled" boolean NOT NULL DEFAULT false,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "users_username_format" CHECK ("username" ~ '^[a-z0-9][a-z0-9._@-]{0,62}$'),
	CONSTRAINT "users_password_hash_argon2id" CHECK ("password_hash" LIKE '$argon2id$%')
);

-- party '*' is every party's workspace.
CREATE TABLE "user_memberships" (
	"user_id" text NOT NULL REFERENCES "users" ("id"),
	"party" text NOT NULL,
	"role" text NOT NULL,
	PRIMARY KEY ("user_id", "party", "role"),
	CONSTRAINT "user_memberships_role" CHECK ("role" IN ('owner', 'security-officer', 'contributor', 'auditor', 'ssc')),
	CONSTRAINT "user_memberships_party" CHECK ("party" = '*' OR "party" ~ '^[a-z0-9-]+$')
);

-- A session is valid while now < last_seen_at + idle timeout and now < expires_at (absolute).
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL REFERENCES "users" ("id"),
	"token_sha256" bytea NOT NULL UNIQUE,
	"csrf_sha256" bytea NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sessions_token_sha256_length" CHECK (octet_length("token_sha256") = 32),
	CONSTRAINT "sessions_csrf_sha256_length" CHECK (octet_length("csrf_sha256") = 32)
);
CREATE INDEX "sessions_user" ON "sessions" ("user_id");

CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL REFERENCES "users" ("id"),
	"name" text NOT NULL,
	"secret_sha256" bytea NOT NULL,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_id_format" CHECK ("id" ~ '^[0-9a-f]{16}$'),
	CONSTRAINT "api_tokens_secret_sha256_length" CHECK (octet_length("secret_sha256") = 32),
	CONSTRAINT "api_tokens_scopes" CHECK ("scopes" <@ ARRAY['read', 'write', 'admin']::text[] AND cardinality("scopes") > 0)
);
CREATE INDEX "api_tokens_user" ON "api_tokens" ("user_id");

-- Kept in the database so that every server behind a load balancer counts the same attempts.
CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY,
	"username" text NOT NULL,
	"client_address" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"attempted_at" timestamp with time zone NOT NULL
);
CREATE INDEX "login_attempts_username" ON "login_attempts" ("username", "attempted_at");
CREATE INDEX "login_attempts_client_address" ON "login_attempts" ("client_address", "attempted_at");
