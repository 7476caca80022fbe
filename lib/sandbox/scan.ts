// What the WeChat app shows after a scan (GET /sandbox/scan?pr=<token>): the order behind the QR
// code's token, and whether it can still be paid.
import { findOrderByToken, unpayableReason, type Unpayable } from './orders';

export type ScanView =
  | { state: 'unknown' }
  | {
      state: 'payable' | Unpayable;
      token: string;
      mchId: string;
      appid: string;
      body: string;
      totalFee: number;
      outTradeNo: string;
      /** A PAYERROR attempt came before: the user may try again. */
      failedBefore: boolean;
    };

export async function scanView(token: string | undefined): Promise<ScanView> {
  const order = token ? await findOrderByToken(token) : undefined;
  if (!order) return { state: 'unknown' };
  return {
    state: unpayableReason(order) ?? 'payable',
    token: order.codeToken,
    mchId: order.mchId,
    appid: order.appid,
    body: order.body,
    totalFee: order.totalFee,
    outTradeNo: order.outTradeNo,
    failedBefore: order.tradeState === 'PAYERROR',
  };
}

/** ¥ from integer fen, without floating point: 6800 → ¥68.00. */
export function formatYuan(fen: number): string {
  return `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
