-- Member-scoped tables follow the same row-level security as the CRM (see 0001_security.sql).
-- bot_state, processed_activities and token_cache are infrastructure, reached only by the schema owner.
GRANT SELECT, INSERT, UPDATE ON module_settings TO tandem_app;--> statement-breakpoint
ALTER TABLE module_settings ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY module_settings_org ON module_settings TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON conversation_references TO tandem_app;--> statement-breakpoint
ALTER TABLE conversation_references ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY conversation_references_org ON conversation_references TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());
