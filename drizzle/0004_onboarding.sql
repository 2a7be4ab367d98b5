-- Reserved for onboarding: hand-written until consolidated with drizzle-kit generate.
SELECT 1;
