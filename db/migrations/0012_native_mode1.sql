ALTER TABLE "orders" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "openid" text;--> statement-breakpoint
ALTER TABLE "sandbox_faults" ADD COLUMN "native_callback" text;--> statement-breakpoint
CREATE INDEX "orders_openid_created_at_idx" ON "orders" USING btree ("openid","created_at") WHERE "orders"."openid" is not null;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_buyer_check" CHECK (("orders"."user_id" is null) <> ("orders"."openid" is null));