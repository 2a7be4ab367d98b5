-- Graph change-notification subscriptions (src/sync/webhooks/graph-subscription.table.ts).
CREATE TABLE "graph_subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"module" text NOT NULL,
	"tenant_id" uuid NOT NULL,
	"mailbox" text NOT NULL,
	"subscription_id" text,
	"resource" text NOT NULL,
	"client_state_hash" "bytea",
	"previous_subscription_id" text,
	"previous_client_state_hash" "bytea",
	"previous_until" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"renew_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"client_state_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_notification_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "graph_subscriptions_target" UNIQUE("org_id","user_id","module"),
	CONSTRAINT "graph_subscriptions_subscription_id" UNIQUE("subscription_id")
);
--> statement-breakpoint
ALTER TABLE "graph_subscriptions" ADD CONSTRAINT "graph_subscriptions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_subscriptions" ADD CONSTRAINT "graph_subscriptions_user_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "graph_subscriptions_previous_id" ON "graph_subscriptions" USING btree ("previous_subscription_id") WHERE "graph_subscriptions"."previous_subscription_id" is not null;--> statement-breakpoint
CREATE INDEX "graph_subscriptions_renew_at" ON "graph_subscriptions" USING btree ("renew_at");--> statement-breakpoint
-- Row-level security as for the CRM (0001_security.sql). The receiver finds a subscription by its
-- Graph id as the schema owner (no organisation is known yet), then acts scoped.
GRANT SELECT, INSERT, UPDATE, DELETE ON graph_subscriptions TO tandem_app;--> statement-breakpoint
ALTER TABLE graph_subscriptions ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY graph_subscriptions_org ON graph_subscriptions TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());
