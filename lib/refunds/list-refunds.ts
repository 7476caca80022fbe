// Refunds for operators (GET /api/admin/refunds, /admin/refunds), newest first, keyset-paginated by
// id like the pay logs; the CSV export reads every matching row in batches.
import 'server-only';
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { getDb } from '@/db';
import { refunds } from '@/db/schema';
import { csvRow } from '@/lib/admin/csv';
import { belowCursor, keysetPage, type KeysetPage } from '@/lib/admin/keyset-page';
import type { RefundFilter } from '@/lib/admin/filters';

export const refundColumns = {
  id: refunds.id,
  outRefundNo: refunds.outRefundNo,
  orderNo: refunds.orderNo,
  transactionId: refunds.transactionId,
  refundFen: refunds.refundFee,
  status: refunds.status,
  reason: refunds.reason,
  restockItems: refunds.restockItems,
  errCode: refunds.errCode,
  createdAt: refunds.createdAt,
  succeededAt: refunds.succeededAt,
};

function select(filter: Omit<RefundFilter, 'limit'>, limit: number) {
  const where: (SQL | undefined)[] = [belowCursor(refunds.id, filter.cursor)];
  if (filter.status) where.push(eq(refunds.status, filter.status));
  if (filter.orderNo) where.push(eq(refunds.orderNo, filter.orderNo));
  if (filter.from) where.push(gte(refunds.createdAt, filter.from));
  if (filter.to) where.push(lt(refunds.createdAt, filter.to));
  return getDb()
    .select(refundColumns)
    .from(refunds)
    .where(and(...where))
    .orderBy(desc(refunds.id))
    .limit(limit);
}

export type RefundRow = Awaited<ReturnType<typeof select>>[number];

export function listRefunds(filter: RefundFilter): Promise<KeysetPage<RefundRow>> {
  return keysetPage(filter.limit, (limit) => select(filter, limit));
}

const HEADER = ['out_refund_no', 'order_no', 'transaction_id', 'refund_fee_fen', 'status', 'err_code', 'reason', 'created_at', 'succeeded_at'];

export function refundsCsv(filter: Omit<RefundFilter, 'limit' | 'cursor'>, batchSize = 1000): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: number | undefined;
  let state: 'header' | 'rows' | 'done' = 'header';
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (state === 'header') {
        state = 'rows';
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(HEADER)}`));
        return;
      }
      const rows = state === 'done' ? [] : await select({ ...filter, cursor }, batchSize);
      if (rows.length < batchSize) state = 'done';
      cursor = rows.at(-1)?.id;
      if (rows.length === 0) return controller.close();
      controller.enqueue(
        encoder.encode(
          rows.map((r) => csvRow([r.outRefundNo, r.orderNo, r.transactionId, r.refundFen, r.status, r.errCode, r.reason, r.createdAt, r.succeededAt])).join(''),
        ),
      );
    },
  });
}
