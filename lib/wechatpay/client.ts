import { truncateBody } from './body';
import { WechatPayError, WxBusinessError, WxNetworkError, WxProtocolError, WxSignatureError } from './errors';
import { toOrderQueryResult, toUnifiedOrderResult } from './reshape';
import { nonce, sign, verify } from './sign';
import { formatWxTime } from './time';
import { buildXml, parseXml } from './xml';
import type {
  OrderQueryResult,
  UnifiedOrderInput,
  UnifiedOrderResult,
  WechatPayConfig,
  WxCloseOrderRequest,
  WxFields,
  WxOrderQueryRequest,
  WxOutgoing,
  WxUnifiedOrderRequest,
} from './types';

const DEFAULT_TIMEOUT_MS = 5000;

/** The request fields an endpoint adds to the envelope every call shares. */
type BusinessFields<T> = WxOutgoing<Omit<T, 'appid' | 'mch_id' | 'nonce_str' | 'sign_type' | 'sign'>>;

export interface WechatPayClient {
  unifiedOrder(input: UnifiedOrderInput): Promise<UnifiedOrderResult>;
  orderQuery(outTradeNo: string): Promise<OrderQueryResult>;
  /** Resolves on success; ORDERPAID, ORDERCLOSED, ORDERNOTEXIST… reject as WxBusinessError (switch on errCode). */
  closeOrder(outTradeNo: string): Promise<void>;
}

export function createWechatPayClient(config: WechatPayConfig): WechatPayClient {
  const baseUrl = config.baseUrl.replace(/\/$/, '');
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function post(url: string, body: string): Promise<string> {
    const signal = AbortSignal.timeout(timeoutMs);
    const fail = (err: unknown): never => {
      if (signal.aborted) throw new WxNetworkError('TIMEOUT', `POST ${url} timed out after ${timeoutMs} ms`, err);
      throw new WxNetworkError('NETWORK_ERROR', `POST ${url} failed`, err);
    };
    const send = config.fetch ?? fetch;
    const response = await send(url, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=utf-8' },
      body,
      signal,
    }).catch(fail);
    if (response.status !== 200) {
      throw new WxNetworkError('NETWORK_ERROR', `POST ${url} answered HTTP ${response.status}`);
    }
    return response.text().catch(fail);
  }

  // Order of checks from spec §1 判断逻辑 and §3: return_code, then signature, then result_code.
  function checkReply(fields: WxFields): WxFields {
    // FAIL replies are unsigned, so there is nothing to verify.
    if (fields.return_code !== 'SUCCESS') throw new WxProtocolError(fields.return_msg ?? '');
    // Replies carry no sign_type: they are signed with the type the request used.
    if (!verify(fields, config.key, config.signType)) {
      throw new WxSignatureError(fields.sign ? 'reply signature does not verify' : 'reply is not signed', fields);
    }
    if (fields.appid !== config.appid || fields.mch_id !== config.mchId) {
      throw new WechatPayError('MISMATCH', 'reply is for another appid or mch_id');
    }
    if (fields.result_code !== 'SUCCESS') {
      throw new WxBusinessError(fields.err_code ?? 'UNKNOWN', fields.err_code_des ?? '');
    }
    return fields;
  }

  async function call<T>(path: string, business: BusinessFields<T>): Promise<WxFields> {
    const message = {
      appid: config.appid,
      mch_id: config.mchId,
      nonce_str: nonce(),
      sign_type: config.signType,
      ...business,
    };
    const xml = buildXml({ ...message, sign: sign(message, config.key, config.signType) });
    return checkReply(parseXml(await post(`${baseUrl}${path}`, xml)));
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
