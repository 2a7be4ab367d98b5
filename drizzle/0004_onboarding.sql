CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"invitee_object_id" uuid NOT NULL,
	"invitee_upn" text NOT NULL,
	"invitee_display_name" text NOT NULL,
	"invitee_mail" text,
	"invitee_language" text,
	"profile_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"send_count" integer DEFAULT 1 NOT NULL,
	"email_delivery" text DEFAULT 'pending' NOT NULL,
	"teams_delivery" text DEFAULT 'pending' NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_user_id" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "invitations_token_hash" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "join_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"requester_object_id" uuid NOT NULL,
	"requester_upn" text NOT NULL,
	"requester_display_name" text NOT NULL,
	"message" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"profile_id" uuid,
	"decline_reason" text,
	"member_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_tenant_id" uuid,
	"actor_object_id" uuid,
	"actor_user_id" uuid,
	"actor_display_name" text,
	"action" text NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" text NOT NULL,
	"target_label" text,
	"outcome" text NOT NULL,
	"detail" text,
	"request_id" text,
	"client_ip" text
);
--> statement-breakpoint
CREATE TABLE "approver_digests" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"last_sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "approver_digests_pk" PRIMARY KEY("org_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_profile_fk" FOREIGN KEY ("org_id","profile_id") REFERENCES "public"."profiles"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_fk" FOREIGN KEY ("org_id","invited_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_decided_by_fk" FOREIGN KEY ("org_id","decided_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_profile_fk" FOREIGN KEY ("org_id","profile_id") REFERENCES "public"."profiles"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approver_digests" ADD CONSTRAINT "approver_digests_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approver_digests" ADD CONSTRAINT "approver_digests_user_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_one_pending" ON "invitations" USING btree ("org_id","invitee_object_id") WHERE "invitations"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "invitations_org_created" ON "invitations" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "join_requests_one_pending" ON "join_requests" USING btree ("org_id","requester_object_id") WHERE "join_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "join_requests_org_created" ON "join_requests" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "join_requests_requester_created" ON "join_requests" USING btree ("org_id","requester_object_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_org_at" ON "audit_log" USING btree ("org_id","at","id");--> statement-breakpoint
-- Row-level security as for every organisation table (0001_security.sql). The audit log is
-- append-only: the application role may read and add entries, never change or delete them.
GRANT SELECT, INSERT, UPDATE ON invitations TO tandem_app;--> statement-breakpoint
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY invitations_org ON invitations TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON join_requests TO tandem_app;--> statement-breakpoint
ALTER TABLE join_requests ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY join_requests_org ON join_requests TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());--> statement-breakpoint
GRANT SELECT, INSERT ON audit_log TO tandem_app;--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY audit_log_org ON audit_log TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON approver_digests TO tandem_app;--> statement-breakpoint
ALTER TABLE approver_digests ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY approver_digests_org ON approver_digests TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());
