CREATE TABLE "globals_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"actor_id" uuid,
	"summary" text NOT NULL,
	"patch" json NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "collection_changes" ALTER COLUMN "patch" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "environment_changes" ALTER COLUMN "patch" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "globals_changes" ADD CONSTRAINT "globals_changes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "globals_changes" ADD CONSTRAINT "globals_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "globals_changes_revision_key" ON "globals_changes" USING btree ("workspace_id","revision");--> statement-breakpoint
-- Globals saved before their history was kept: their current document becomes the first recorded change.
INSERT INTO "globals_changes" ("workspace_id", "revision", "actor_id", "summary", "patch", "created_at")
SELECT "workspace_id", "revision", "updated_by", 'Recorded when history began',
  json_build_array(json_build_object('op', 'replace', 'path', '', 'value', "document"::json)), "updated_at"
FROM "workspace_globals" AS g
WHERE "revision" > 0 AND NOT EXISTS (SELECT 1 FROM "globals_changes" AS c WHERE c."workspace_id" = g."workspace_id");
