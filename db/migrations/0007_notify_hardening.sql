CREATE TABLE "unverified_message_counts" (
	"source" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"received" integer NOT NULL,
	CONSTRAINT "unverified_message_counts_source_minute_pk" PRIMARY KEY("source","minute")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "unapplied_payment_at" timestamp with time zone;