-- The sync engine: per (member, module) state machine, links with merge bases, outbox, journal, runs.
-- Hand-written; checked equal to what drizzle-kit generates from src/sync/engine/*.table.ts.
CREATE TABLE "sync_states" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"module" text NOT NULL,
	"state" text DEFAULT 'disabled' NOT NULL,
	"container_id" text,
	"delta_link" text,
	"resource_state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"failures" integer DEFAULT 0 NOT NULL,
	"next_run_at" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"paused" jsonb,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"counts" jsonb DEFAULT '{"toCrm":{"created":0,"updated":0,"deleted":0},"toOffice":{"created":0,"updated":0,"deleted":0}}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_states_pk" PRIMARY KEY("org_id","user_id","module")
);
--> statement-breakpoint
CREATE TABLE "sync_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"module" text NOT NULL,
	"crm_id" uuid NOT NULL,
	"remote_id" text,
	"remote_version" text,
	"base" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"base_hash" text,
	"crm_version" integer,
	"pending_create_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_links_remote" UNIQUE("org_id","user_id","module","remote_id"),
	CONSTRAINT "sync_links_crm" UNIQUE("org_id","user_id","module","crm_id")
);
--> statement-breakpoint
CREATE TABLE "sync_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"module" text NOT NULL,
	"crm_id" uuid NOT NULL,
	"op" text NOT NULL,
	"enqueued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "sync_outbox_record" UNIQUE("org_id","user_id","module","crm_id")
);
--> statement-breakpoint
CREATE TABLE "sync_journal" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"module" text NOT NULL,
	"run_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"direction" text NOT NULL,
	"action" text NOT NULL,
	"crm_id" uuid,
	"remote_id" text,
	"label" text,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reason" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"module" text NOT NULL,
	"reason" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text DEFAULT 'running' NOT NULL,
	"counts" jsonb,
	"error_code" text
);
--> statement-breakpoint
ALTER TABLE "sync_states" ADD CONSTRAINT "sync_states_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_states" ADD CONSTRAINT "sync_states_user_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_links" ADD CONSTRAINT "sync_links_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_links" ADD CONSTRAINT "sync_links_user_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_outbox" ADD CONSTRAINT "sync_outbox_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_outbox" ADD CONSTRAINT "sync_outbox_user_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_journal" ADD CONSTRAINT "sync_journal_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_journal" ADD CONSTRAINT "sync_journal_user_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_user_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_links_crm_id" ON "sync_links" USING btree ("org_id","crm_id");--> statement-breakpoint
CREATE INDEX "sync_journal_target" ON "sync_journal" USING btree ("org_id","user_id","module","id");--> statement-breakpoint
CREATE INDEX "sync_runs_target" ON "sync_runs" USING btree ("org_id","user_id","module","started_at");--> statement-breakpoint
-- Row-level security as for every organisation table (see 0001_security.sql). The journal is append-only.
GRANT SELECT, INSERT, UPDATE, DELETE ON sync_states TO tandem_app;--> statement-breakpoint
ALTER TABLE sync_states ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY sync_states_org ON sync_states TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sync_links TO tandem_app;--> statement-breakpoint
ALTER TABLE sync_links ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY sync_links_org ON sync_links TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sync_outbox TO tandem_app;--> statement-breakpoint
ALTER TABLE sync_outbox ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY sync_outbox_org ON sync_outbox TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());--> statement-breakpoint
GRANT SELECT, INSERT ON sync_journal TO tandem_app;--> statement-breakpoint
ALTER TABLE sync_journal ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY sync_journal_org ON sync_journal TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON sync_runs TO tandem_app;--> statement-breakpoint
ALTER TABLE sync_runs ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY sync_runs_org ON sync_runs TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());
