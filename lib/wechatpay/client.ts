import { truncateBody } from './body';
import { checkSignedReply, postBytes, signedRequestXml, type BusinessFields } from './envelope';
import { WechatPayError } from './errors';
import { toOrderQueryResult, toUnifiedOrderResult } from './reshape';
import { formatWxTime } from './time';
import { MAX_XML_BYTES, parseXml } from './xml';
import type {
  OrderQueryResult,
  UnifiedOrderInput,
  UnifiedOrderResult,
  WechatPayConfig,
  WxCloseOrderRequest,
  WxFields,
  WxOrderQueryRequest,
  WxUnifiedOrderRequest,
} from './types';

const DEFAULT_TIMEOUT_MS = 5000;

export interface WechatPayClient {
  unifiedOrder(input: UnifiedOrderInput): Promise<UnifiedOrderResult>;
  orderQuery(outTradeNo: string): Promise<OrderQueryResult>;
  /** Resolves on success; ORDERPAID, ORDERCLOSED, ORDERNOTEXIST… reject as WxBusinessError (switch on errCode). */
  closeOrder(outTradeNo: string): Promise<void>;
}

export function createWechatPayClient(config: WechatPayConfig): WechatPayClient {
  const baseUrl = config.baseUrl.replace(/\/$/, '');
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function call<T>(path: string, business: BusinessFields<T>): Promise<WxFields> {
    const reply = await postBytes(config.fetch ?? fetch, `${baseUrl}${path}`, signedRequestXml<T>(config, business), timeoutMs, MAX_XML_BYTES);
    return checkSignedReply(parseXml(reply.toString('utf8')), config);
  }

  return {
    async unifiedOrder(input) {
      if (!Number.isSafeInteger(input.totalFee) || input.totalFee <= 0) {
        throw new TypeError(`totalFee must be a positive integer number of fen, got ${input.totalFee}`);
      }
      const fields = await call<WxUnifiedOrderRequest>('/pay/unifiedorder', {
        body: truncateBody(input.body),
        attach: input.attach,
        out_trade_no: input.outTradeNo,
        total_fee: input.totalFee,
        spbill_create_ip: input.clientIp,
        time_expire: formatWxTime(input.expiresAt),
        notify_url: input.notifyUrl,
        trade_type: 'NATIVE',
        product_id: input.productId,
        openid: input.openid,
      });
      return toUnifiedOrderResult(fields);
    },

    async orderQuery(outTradeNo) {
      const result = toOrderQueryResult(await call<WxOrderQueryRequest>('/pay/orderquery', { out_trade_no: outTradeNo }));
      if (result.outTradeNo !== outTradeNo) {
        throw new WechatPayError('MISMATCH', `orderquery for ${outTradeNo} answered for ${result.outTradeNo}`);
      }
      return result;
    },

    async closeOrder(outTradeNo) {
      await call<WxCloseOrderRequest>('/pay/closeorder', { out_trade_no: outTradeNo });
    },
  };
}
