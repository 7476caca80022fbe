CREATE TABLE "bill_days" (
	"id" serial PRIMARY KEY NOT NULL,
	"bill_date" date NOT NULL,
	"status" text NOT NULL,
	"wechat_trades" integer,
	"wechat_paid_fen" bigint,
	"wechat_refund_fen" bigint,
	"wechat_fee_fen" bigint,
	"ours_trades" integer NOT NULL,
	"ours_paid_fen" bigint NOT NULL,
	"ours_refund_fen" bigint NOT NULL,
	"detail" text,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bill_days_status_check" CHECK ("bill_days"."status" in ('matched', 'discrepancies', 'no_bill', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "bill_discrepancies" (
	"id" serial PRIMARY KEY NOT NULL,
	"bill_date" date NOT NULL,
	"kind" text NOT NULL,
	"order_no" text,
	"transaction_id" text,
	"out_refund_no" text,
	"wechat_fen" integer,
	"ours_fen" integer,
	"detail" text NOT NULL,
	CONSTRAINT "bill_discrepancies_kind_check" CHECK ("bill_discrepancies"."kind" in ('missing_here', 'missing_at_wechat', 'amount_mismatch', 'status_mismatch'))
);
--> statement-breakpoint
ALTER TABLE "sandbox_faults" ADD COLUMN "bill" text;--> statement-breakpoint
-- The key the foreign key below refers to must exist first.
CREATE UNIQUE INDEX "bill_days_bill_date_key" ON "bill_days" USING btree ("bill_date");--> statement-breakpoint
ALTER TABLE "bill_discrepancies" ADD CONSTRAINT "bill_discrepancies_bill_date_bill_days_bill_date_fk" FOREIGN KEY ("bill_date") REFERENCES "public"."bill_days"("bill_date") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bill_discrepancies_bill_date_idx" ON "bill_discrepancies" USING btree ("bill_date");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_logs_one_bill_anomaly_per_transaction" ON "pay_logs" USING btree ("transaction_id") WHERE "pay_logs"."source" = 'bill';