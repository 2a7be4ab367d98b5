ALTER TABLE "meetings" ADD COLUMN "ical_uid" text;--> statement-breakpoint
CREATE INDEX "meetings_org_ical_uid" ON "meetings" USING btree ("org_id","ical_uid");