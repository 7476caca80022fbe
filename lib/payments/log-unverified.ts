// The pay log of a message that could not be authenticated (verdict unverified). Anyone can send
// those, so each costs little: a bounded excerpt (./message-excerpt.ts), and only the first
// UNVERIFIED_KEPT_PER_MINUTE of each minute (per source, across all instances) are stored at all;
// the rest only raise that minute's count in unverified_message_counts. Counting and storing are
// one statement, so concurrent instances never keep more than the cap.
import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/query-rows';
import { payLogs, unverifiedMessageCounts } from '@/db/schema';
import type { TradeState } from '@/lib/wechatpay';
import { clipUtf8, messageExcerpt, storable } from './message-excerpt';
import type { PaySource } from './pay-log-vocabulary';
import type { RefundTradeState } from '@/lib/refunds/refund-status';

export const UNVERIFIED_KEPT_PER_MINUTE = 20;

/** Whether a row was stored (false: the minute's cap was reached, the message was only counted). */
export async function logUnverified(
  source: PaySource,
  untrusted: Record<string, string>,
  detail: string,
  tradeState: TradeState | RefundTradeState,
): Promise<boolean> {
  const raw = messageExcerpt(untrusted);
  // Copied only so that an operator can search for them; nothing here is trusted.
  const column = (name: string) => (untrusted[name] === undefined ? null : clipUtf8(storable(untrusted[name]), 64));
  const fee = /^\d{1,9}$/.test(untrusted.total_fee ?? '') ? Number(untrusted.total_fee) : null;
  const stored = await queryRows<{ id: number }>(sql`
    with counted as (
      insert into ${unverifiedMessageCounts} (source, minute, received)
      values (${source}, date_trunc('minute', now()), 1)
      on conflict (source, minute) do update set received = ${unverifiedMessageCounts.received} + 1
      returning received
    )
    insert into ${payLogs} (order_no, transaction_id, total_fee, trade_state, source, verdict, detail, raw)
    select ${column('out_trade_no')}, ${column('transaction_id')}, ${fee}::int, ${tradeState}, ${source}, 'unverified',
      ${clipUtf8(storable(detail), 200)}, ${JSON.stringify(raw)}::jsonb
    from counted where received <= ${UNVERIFIED_KEPT_PER_MINUTE}
    returning id`);
  return stored.length === 1;
}
