import { parseFen } from './amount';
import { WechatPayError } from './errors';
import { parseWxTime } from './time';
import type { OrderQueryResult, TradeState, UnifiedOrderResult, WxFields } from './types';

const TRADE_STATES: readonly string[] = [
  'SUCCESS',
  'REFUND',
  'NOTPAY',
  'CLOSED',
  'REVOKED',
  'USERPAYING',
  'PAYERROR',
  'ACCEPT',
] satisfies TradeState[];

// Called only on verified replies with result_code SUCCESS, so a malformed field is WeChat's (or the sandbox's) bug.
function badResponse(message: string): WechatPayError {
  return new WechatPayError('BAD_RESPONSE', message);
}

/** '' is how an empty element arrives; for optional fields it means absent, as in signing. */
function optional(fields: WxFields, name: string): string | undefined {
  return fields[name] === '' ? undefined : fields[name];
}

export function toUnifiedOrderResult(fields: WxFields): UnifiedOrderResult {
  const prepayId = optional(fields, 'prepay_id');
  const codeUrl = optional(fields, 'code_url');
  if (prepayId === undefined || codeUrl === undefined) {
    throw badResponse('unifiedorder reply has no prepay_id or code_url');
  }
  return { prepayId, codeUrl };
}

export function toOrderQueryResult(fields: WxFields): OrderQueryResult {
  const tradeState = fields.trade_state;
  if (!TRADE_STATES.includes(tradeState)) throw badResponse(`orderquery reply has trade_state ${tradeState}`);

  const totalFeeText = optional(fields, 'total_fee');
  const totalFee = parseFen(totalFeeText);
  if (totalFeeText !== undefined && totalFee === undefined) {
    throw badResponse(`orderquery reply has total_fee ${totalFeeText}`);
  }

  const timeEnd = optional(fields, 'time_end');
  let paidAt: Date | undefined;
  try {
    paidAt = timeEnd === undefined ? undefined : parseWxTime(timeEnd);
  } catch {
    throw badResponse(`orderquery reply has time_end ${timeEnd}`);
  }

  return {
    outTradeNo: fields.out_trade_no,
    tradeState: tradeState as TradeState,
    tradeStateDesc: optional(fields, 'trade_state_desc'),
    transactionId: optional(fields, 'transaction_id'),
    totalFee,
    paidAt,
    raw: fields,
  };
}
