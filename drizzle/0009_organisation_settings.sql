CREATE TABLE "organisation_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"shared_client_meetings" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "organisation_settings" ADD CONSTRAINT "organisation_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Organisation-wide settings follow the same row-level security as every org_id table (see 0001_security.sql).
GRANT SELECT, INSERT, UPDATE ON organisation_settings TO tandem_app;--> statement-breakpoint
ALTER TABLE organisation_settings ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY organisation_settings_org ON organisation_settings TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());
