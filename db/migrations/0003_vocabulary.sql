ALTER TABLE "orders" DROP CONSTRAINT "orders_status_check";--> statement-breakpoint
ALTER TABLE "pay_logs" DROP CONSTRAINT "pay_logs_source_check";--> statement-breakpoint
ALTER TABLE "pay_logs" DROP CONSTRAINT "pay_logs_verdict_check";--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_status_check" CHECK ("orders"."status" in ('pending', 'paid', 'closed', 'partially_refunded', 'refunded'));--> statement-breakpoint
ALTER TABLE "pay_logs" ADD CONSTRAINT "pay_logs_source_check" CHECK ("pay_logs"."source" in ('notify', 'query', 'close', 'refund', 'refund_notify', 'refund_query', 'bill', 'native_callback'));--> statement-breakpoint
ALTER TABLE "pay_logs" ADD CONSTRAINT "pay_logs_verdict_check" CHECK ("pay_logs"."verdict" in ('applied', 'duplicate', 'unverified', 'rejected', 'accepted', 'refused', 'anomaly', 'closed'));