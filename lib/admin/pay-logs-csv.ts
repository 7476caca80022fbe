// The pay-log export: exactly the rows the filter matches, streamed batch by batch from the
// database to the client, so 100 000 rows never sit in memory at once.
import type { PayLogFilter } from './filters';
import { csvRow } from './csv';
import { payLogBatches, type PayLogRow } from './list-pay-logs';

const HEADER = ['id', 'created_at', 'order_no', 'username', 'transaction_id', 'total_fee_fen', 'trade_state', 'source', 'verdict', 'detail'];

const line = (r: PayLogRow) => csvRow([r.id, r.createdAt, r.orderNo, r.username, r.transactionId, r.totalFee, r.tradeState, r.source, r.verdict, r.detail]);

export function payLogsCsv(filter: Omit<PayLogFilter, 'limit' | 'cursor'>, batchSize = 1000): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = payLogBatches(filter, batchSize);
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    // Pulled only as fast as the client reads: one query per batch, back-pressure for free.
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // A byte-order mark so that Excel reads UTF-8 (names, details) correctly.
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(HEADER)}`));
        return;
      }
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(line).join('')));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
