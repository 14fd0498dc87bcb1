CREATE TABLE "deletion_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_hash" text NOT NULL,
	"email_hash" text NOT NULL,
	"key_id" text NOT NULL,
	"erased_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "deletion_ledger_subject_hash_key" ON "deletion_ledger" USING btree ("subject_hash");--> statement-breakpoint
CREATE INDEX "deletion_ledger_email_hash_idx" ON "deletion_ledger" USING btree ("email_hash");