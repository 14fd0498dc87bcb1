ALTER TABLE "privacy_requests" ALTER COLUMN "requester_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "privacy_requests" ALTER COLUMN "requester_email" DROP NOT NULL;