CREATE TABLE "sandbox_faults" (
	"scope" text PRIMARY KEY NOT NULL,
	"notify" text,
	"count" integer,
	"delay_ms" integer,
	"orderquery" text,
	"closeorder" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_id" integer NOT NULL,
	"payload" text NOT NULL,
	"notify_url" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"copies" integer DEFAULT 1 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_notify_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"notification_id" integer NOT NULL,
	"http_status" integer,
	"response" text NOT NULL,
	"ok" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_orders" (
	"id" serial PRIMARY KEY NOT NULL,
	"appid" text NOT NULL,
	"mch_id" text NOT NULL,
	"out_trade_no" text NOT NULL,
	"sign_type" text NOT NULL,
	"params" jsonb NOT NULL,
	"body" text NOT NULL,
	"total_fee" integer NOT NULL,
	"notify_url" text NOT NULL,
	"product_id" text,
	"attach" text,
	"time_expire" timestamp with time zone,
	"prepay_id" text NOT NULL,
	"code_token" text NOT NULL,
	"trade_state" text DEFAULT 'NOTPAY' NOT NULL,
	"transaction_id" text,
	"openid" text,
	"paid_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sandbox_notifications" ADD CONSTRAINT "sandbox_notifications_order_id_sandbox_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."sandbox_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_notify_attempts" ADD CONSTRAINT "sandbox_notify_attempts_notification_id_sandbox_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."sandbox_notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sandbox_notifications_due_idx" ON "sandbox_notifications" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "sandbox_notify_attempts_notification_idx" ON "sandbox_notify_attempts" USING btree ("notification_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_orders_mch_out_trade_no_key" ON "sandbox_orders" USING btree ("mch_id","out_trade_no");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_orders_code_token_key" ON "sandbox_orders" USING btree ("code_token");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_orders_transaction_id_key" ON "sandbox_orders" USING btree ("transaction_id");