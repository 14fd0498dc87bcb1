CREATE TABLE "monitor_recipients" (
	"monitor_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "monitor_recipients_monitor_id_user_id_pk" PRIMARY KEY("monitor_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "monitor_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"monitor_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"scheduled_for" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"counts" json NOT NULL,
	"results" json NOT NULL,
	"duration_ms" integer,
	"avg_response_ms" integer,
	"max_response_ms" integer,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "monitors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"collection_id" uuid NOT NULL,
	"environment_id" uuid,
	"name" text NOT NULL,
	"cron" text NOT NULL,
	"timezone" text NOT NULL,
	"enabled" boolean NOT NULL,
	"options" json NOT NULL,
	"notifications" json NOT NULL,
	"run_as" uuid,
	"next_run_at" timestamp with time zone,
	"failing" boolean DEFAULT false NOT NULL,
	"streak_notices" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "monitor_recipients" ADD CONSTRAINT "monitor_recipients_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitor_recipients" ADD CONSTRAINT "monitor_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitor_runs" ADD CONSTRAINT "monitor_runs_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_collection_id_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_run_as_users_id_fk" FOREIGN KEY ("run_as") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitor_recipients_user_id_idx" ON "monitor_recipients" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "monitor_runs_tick_key" ON "monitor_runs" USING btree ("monitor_id","scheduled_for") WHERE "monitor_runs"."trigger" = 'schedule';--> statement-breakpoint
CREATE INDEX "monitor_runs_monitor_idx" ON "monitor_runs" USING btree ("monitor_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "monitor_runs_created_at_idx" ON "monitor_runs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "monitors_workspace_id_idx" ON "monitors" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "monitors_collection_id_idx" ON "monitors" USING btree ("collection_id");--> statement-breakpoint
CREATE INDEX "monitors_environment_id_idx" ON "monitors" USING btree ("environment_id");--> statement-breakpoint
CREATE INDEX "monitors_run_as_idx" ON "monitors" USING btree ("run_as");--> statement-breakpoint
CREATE INDEX "monitors_due_idx" ON "monitors" USING btree ("next_run_at") WHERE "monitors"."enabled";