-- Reserved for sync_engine: hand-written until consolidated with drizzle-kit generate.
SELECT 1;
