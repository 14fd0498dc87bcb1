CREATE TABLE "mock_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mock_id" uuid NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"status" integer NOT NULL,
	"example" text,
	"duration_ms" integer NOT NULL,
	"request_headers" jsonb NOT NULL,
	"request_body" text,
	"response_headers" jsonb NOT NULL,
	"response_body" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mock_servers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"collection_id" uuid NOT NULL,
	"collection_revision" integer,
	"environment_id" uuid,
	"name" text NOT NULL,
	"private" boolean DEFAULT true NOT NULL,
	"delay" boolean DEFAULT true NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"call_retention_days" integer DEFAULT 30 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mock_servers_call_retention_check" CHECK ("mock_servers"."call_retention_days" between 1 and 90)
);
--> statement-breakpoint
ALTER TABLE "mock_calls" ADD CONSTRAINT "mock_calls_mock_id_mock_servers_id_fk" FOREIGN KEY ("mock_id") REFERENCES "public"."mock_servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mock_servers" ADD CONSTRAINT "mock_servers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mock_servers" ADD CONSTRAINT "mock_servers_collection_id_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mock_servers" ADD CONSTRAINT "mock_servers_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mock_servers" ADD CONSTRAINT "mock_servers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mock_calls_mock_idx" ON "mock_calls" USING btree ("mock_id","created_at","id");--> statement-breakpoint
CREATE INDEX "mock_calls_created_at_idx" ON "mock_calls" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "mock_servers_workspace_id_idx" ON "mock_servers" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "mock_servers_collection_id_idx" ON "mock_servers" USING btree ("collection_id");--> statement-breakpoint
CREATE INDEX "mock_servers_environment_id_idx" ON "mock_servers" USING btree ("environment_id");--> statement-breakpoint
CREATE INDEX "mock_servers_created_by_idx" ON "mock_servers" USING btree ("created_by");