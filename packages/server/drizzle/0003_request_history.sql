CREATE TABLE "request_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"workspace_id" uuid,
	"collection_id" text,
	"item_id" text,
	"method" text NOT NULL,
	"url" text NOT NULL,
	"request" json NOT NULL,
	"body_omitted" boolean DEFAULT false NOT NULL,
	"status" integer,
	"error_code" text,
	"duration_ms" integer NOT NULL,
	"response_size" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "request_history" ADD CONSTRAINT "request_history_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_history" ADD CONSTRAINT "request_history_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "request_history_user_created_idx" ON "request_history" USING btree ("user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);