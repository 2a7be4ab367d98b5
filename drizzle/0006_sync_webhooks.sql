-- Reserved for sync_webhooks: hand-written until consolidated with drizzle-kit generate.
SELECT 1;
