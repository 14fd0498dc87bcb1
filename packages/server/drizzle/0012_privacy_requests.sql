CREATE TABLE "privacy_request_authorizations" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_request_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor" text NOT NULL,
	"actor_id" uuid,
	"from_state" text,
	"to_state" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "privacy_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"kind" text NOT NULL,
	"law" text NOT NULL,
	"state" text NOT NULL,
	"requester_type" text NOT NULL,
	"account_id" uuid,
	"requester_name" text NOT NULL,
	"requester_email" text NOT NULL,
	"subject_name" text,
	"subject_email" text,
	"details" text,
	"status_token_hash" text NOT NULL,
	"code_hash" text,
	"code_expires_at" timestamp with time zone,
	"code_attempts" integer DEFAULT 0 NOT NULL,
	"code_sends" integer DEFAULT 0 NOT NULL,
	"code_sent_at" timestamp with time zone,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"verified_at" timestamp with time zone,
	"extended_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"outcome" text,
	"export_url" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "privacy_requests_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
ALTER TABLE "data_restrictions" ADD COLUMN "processing_restricted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "data_restrictions" ADD COLUMN "processing_restricted_by" text;--> statement-breakpoint
ALTER TABLE "data_restrictions" ADD COLUMN "processing_restricted_reason" text;--> statement-breakpoint
ALTER TABLE "data_restrictions" ADD COLUMN "processing_restricted_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "data_restrictions" ADD COLUMN "processing_restricted_request_id" uuid;--> statement-breakpoint
ALTER TABLE "privacy_request_authorizations" ADD CONSTRAINT "privacy_request_authorizations_request_id_privacy_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."privacy_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_request_events" ADD CONSTRAINT "privacy_request_events_request_id_privacy_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."privacy_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_request_events" ADD CONSTRAINT "privacy_request_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_account_id_users_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "privacy_request_events_request_idx" ON "privacy_request_events" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "privacy_requests_due_idx" ON "privacy_requests" USING btree ("state","due_at");--> statement-breakpoint
CREATE INDEX "privacy_requests_account_idx" ON "privacy_requests" USING btree ("account_id");