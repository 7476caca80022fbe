-- Every order so far was made by code that only a sandbox could run unattended (WXPAY_MODE
-- defaulted to sandbox, and no live shop ran this code), so existing rows are sandbox orders. The
-- default exists only to fill them: the application names the environment on every insert.
ALTER TABLE "orders" ADD COLUMN "payment_env" text DEFAULT 'sandbox' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "payment_env" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_payment_env_check" CHECK ("orders"."payment_env" in ('sandbox', 'live'));
