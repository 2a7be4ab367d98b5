-- Row-level security: organisation-scoped work runs as tandem_app with app.org_id set per
-- transaction (see src/platform/db/database.ts). A statement that forgets its WHERE org_id still
-- sees only its own organisation's rows; with app.org_id unset it sees none (fails closed).
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tandem_app') THEN
    CREATE ROLE tandem_app NOLOGIN NOBYPASSRLS;
  END IF;
END $$;--> statement-breakpoint
DO $$ BEGIN
  IF NOT pg_has_role(current_user, 'tandem_app', 'MEMBER') THEN
    EXECUTE format('GRANT tandem_app TO %I', current_user);
  END IF;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION tandem_current_org() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO tandem_app;--> statement-breakpoint
GRANT SELECT, UPDATE ON organisations TO tandem_app;--> statement-breakpoint
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY organisations_own ON organisations TO tandem_app
  USING (id = tandem_current_org()) WITH CHECK (id = tandem_current_org());--> statement-breakpoint
-- Records are soft-deleted: the application role cannot DELETE them, nor rewrite history.
GRANT SELECT, INSERT ON field_history TO tandem_app;--> statement-breakpoint
ALTER TABLE field_history ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY field_history_org ON field_history TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON profiles TO tandem_app;--> statement-breakpoint
ALTER TABLE profiles ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY profiles_org ON profiles TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON users TO tandem_app;--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY users_org ON users TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON accounts TO tandem_app;--> statement-breakpoint
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY accounts_org ON accounts TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON contacts TO tandem_app;--> statement-breakpoint
ALTER TABLE contacts ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY contacts_org ON contacts TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON leads TO tandem_app;--> statement-breakpoint
ALTER TABLE leads ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY leads_org ON leads TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON deals TO tandem_app;--> statement-breakpoint
ALTER TABLE deals ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY deals_org ON deals TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON meetings TO tandem_app;--> statement-breakpoint
ALTER TABLE meetings ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY meetings_org ON meetings TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON tasks TO tandem_app;--> statement-breakpoint
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tasks_org ON tasks TO tandem_app
  USING (org_id = tandem_current_org()) WITH CHECK (org_id = tandem_current_org());
