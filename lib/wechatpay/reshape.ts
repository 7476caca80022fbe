import { parseFen } from './amount';
import { WechatPayError } from './errors';
import { field } from './fields';
import { parseWxTime } from './time';
import { isTradeState } from './trade-state';
import type { OrderQueryResult, UnifiedOrderResult, WxFields } from './types';

// Called only on verified replies with result_code SUCCESS, so a malformed field is WeChat's (or the sandbox's) bug.
function badResponse(message: string): WechatPayError {
  return new WechatPayError('BAD_RESPONSE', message);
}

export function toUnifiedOrderResult(fields: WxFields): UnifiedOrderResult {
  const prepayId = field(fields, 'prepay_id');
  const codeUrl = field(fields, 'code_url');
  // v2 always sends both for NATIVE; only v3 leaves prepay_id out, so here its absence is a bug.
  if (prepayId === undefined || codeUrl === undefined) {
    throw badResponse('unifiedorder reply has no prepay_id or code_url');
  }
  return { prepayId, codeUrl };
}

export function toOrderQueryResult(fields: WxFields): OrderQueryResult {
  const tradeState = fields.trade_state;
  if (!isTradeState(tradeState)) throw badResponse(`orderquery reply has trade_state ${tradeState}`);
  const outTradeNo = field(fields, 'out_trade_no');
  if (outTradeNo === undefined) throw badResponse('orderquery reply has no out_trade_no');

  const totalFeeText = field(fields, 'total_fee');
  const totalFee = parseFen(totalFeeText);
  if (totalFeeText !== undefined && totalFee === undefined) {
    throw badResponse(`orderquery reply has total_fee ${totalFeeText}`);
  }

  const timeEnd = field(fields, 'time_end');
  let paidAt: Date | undefined;
  try {
    paidAt = timeEnd === undefined ? undefined : parseWxTime(timeEnd);
  } catch {
    throw badResponse(`orderquery reply has time_end ${timeEnd}`);
  }

  return {
    outTradeNo,
    tradeState,
    tradeStateDesc: field(fields, 'trade_state_desc'),
    transactionId: field(fields, 'transaction_id'),
    totalFee,
    paidAt,
    raw: fields,
  };
}
