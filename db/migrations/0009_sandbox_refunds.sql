CREATE TABLE "sandbox_refunds" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_id" integer NOT NULL,
	"mch_id" text NOT NULL,
	"out_refund_no" text NOT NULL,
	"refund_id" text NOT NULL,
	"total_fee" integer NOT NULL,
	"refund_fee" integer NOT NULL,
	"refund_desc" text,
	"notify_url" text NOT NULL,
	"status" text DEFAULT 'PROCESSING' NOT NULL,
	"outcome" text,
	"settle_at" timestamp with time zone NOT NULL,
	"success_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sandbox_faults" ADD COLUMN "refund" text;--> statement-breakpoint
ALTER TABLE "sandbox_faults" ADD COLUMN "refund_notify" text;--> statement-breakpoint
ALTER TABLE "sandbox_notifications" ADD COLUMN "refund_id" integer;--> statement-breakpoint
ALTER TABLE "sandbox_refunds" ADD CONSTRAINT "sandbox_refunds_order_id_sandbox_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."sandbox_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_refunds_mch_out_refund_no_key" ON "sandbox_refunds" USING btree ("mch_id","out_refund_no");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_refunds_refund_id_key" ON "sandbox_refunds" USING btree ("refund_id");--> statement-breakpoint
CREATE INDEX "sandbox_refunds_order_idx" ON "sandbox_refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "sandbox_refunds_due_idx" ON "sandbox_refunds" USING btree ("status","settle_at");--> statement-breakpoint
ALTER TABLE "sandbox_notifications" ADD CONSTRAINT "sandbox_notifications_refund_id_sandbox_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."sandbox_refunds"("id") ON DELETE no action ON UPDATE no action;