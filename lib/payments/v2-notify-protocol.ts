// The v2 (XML, key-signed) payment notify behind handleNotify's seam: an API v3 notify is another
// file like this one.
import { parseNotify, WxXmlError } from '@/lib/wechatpay';
import type { NotifyProtocol } from './handle-notify';
import { merchantNotifyExpectation } from './merchant-client';

export const v2NotifyProtocol: NotifyProtocol = {
  parse(body) {
    try {
      return parseNotify(body, merchantNotifyExpectation());
    } catch (err) {
      // Not XML (or XML we refuse): nothing to verify, so the bytes are kept for the operator.
      if (err instanceof WxXmlError) return { ok: false, reason: err.message, fields: { unparsed: body } };
      throw err;
    }
  },
};
