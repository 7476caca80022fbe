// The v2 (XML, key-signed) payment notify behind handleNotify's seam: an API v3 notify is another
// file like this one.
import { isAuthenticated, parseNotify, WxXmlError } from '@/lib/wechatpay';
import type { NotifyProtocol } from './handle-notify';
import { merchantNotifyExpectation } from './merchant-client';

export const v2NotifyProtocol: NotifyProtocol = {
  parse(body) {
    try {
      const result = parseNotify(body, merchantNotifyExpectation());
      return result.ok ? result : { ...result, authenticated: isAuthenticated(result.reason) };
    } catch (err) {
      // Not XML (or XML we refuse, e.g. a DOCTYPE): nothing to verify; an excerpt is kept.
      if (err instanceof WxXmlError) return { ok: false, reason: err.message, fields: { unparsed: body }, authenticated: false };
      throw err;
    }
  },
};
