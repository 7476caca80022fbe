CREATE TABLE "refunds" (
	"id" serial PRIMARY KEY NOT NULL,
	"out_refund_no" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"order_no" text NOT NULL,
	"transaction_id" text NOT NULL,
	"total_fee" integer NOT NULL,
	"refund_fee" integer NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"restock_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"refund_id" text,
	"err_code" text,
	"requested_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"succeeded_at" timestamp with time zone,
	"sweep_lease_until" timestamp with time zone,
	CONSTRAINT "refunds_status_check" CHECK ("refunds"."status" in ('requested', 'processing', 'success', 'closed', 'abnormal', 'failed')),
	CONSTRAINT "refunds_refund_fee_check" CHECK ("refunds"."refund_fee" > 0 and "refunds"."refund_fee" <= "refunds"."total_fee")
);
--> statement-breakpoint
DROP INDEX "pay_logs_one_applied_per_order";--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "refunded_fen" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_order_no_orders_order_no_fk" FOREIGN KEY ("order_no") REFERENCES "public"."orders"("order_no") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_out_refund_no_key" ON "refunds" USING btree ("out_refund_no");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_order_no_idempotency_key_key" ON "refunds" USING btree ("order_no","idempotency_key");--> statement-breakpoint
CREATE INDEX "refunds_transaction_id_idx" ON "refunds" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "refunds_status_updated_at_idx" ON "refunds" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "refunds_created_at_idx" ON "refunds" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "refunds_succeeded_at_idx" ON "refunds" USING btree ("succeeded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_logs_one_applied_per_order" ON "pay_logs" USING btree ("order_no") WHERE "pay_logs"."verdict" = 'applied' and "pay_logs"."source" in ('notify', 'query');--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_refunded_fen_check" CHECK ("orders"."refunded_fen" >= 0 and "orders"."refunded_fen" <= "orders"."total_fee");