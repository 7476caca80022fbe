CREATE TABLE "anomaly_resolutions" (
	"id" serial PRIMARY KEY NOT NULL,
	"pay_log_id" integer NOT NULL,
	"resolved_by" integer NOT NULL,
	"note" text NOT NULL,
	"resolved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_images" (
	"product_id" integer PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "anomaly_resolutions" ADD CONSTRAINT "anomaly_resolutions_pay_log_id_pay_logs_id_fk" FOREIGN KEY ("pay_log_id") REFERENCES "public"."pay_logs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anomaly_resolutions" ADD CONSTRAINT "anomaly_resolutions_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_images" ADD CONSTRAINT "product_images_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "anomaly_resolutions_pay_log_id_key" ON "anomaly_resolutions" USING btree ("pay_log_id");--> statement-breakpoint
CREATE INDEX "orders_status_created_at_idx" ON "orders" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "orders_created_at_idx" ON "orders" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "orders_paid_at_idx" ON "orders" USING btree ("paid_at","total_fee") WHERE "orders"."status" = 'paid';--> statement-breakpoint
CREATE INDEX "pay_logs_verdict_created_at_idx" ON "pay_logs" USING btree ("verdict","created_at");--> statement-breakpoint
CREATE INDEX "pay_logs_trade_state_created_at_idx" ON "pay_logs" USING btree ("trade_state","created_at");