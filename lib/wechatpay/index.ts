export { truncateBody } from './body';
export { createWechatPayClient } from './client';
export type { WechatPayClient } from './client';
export {
  WechatPayError,
  WxBusinessError,
  WxNetworkError,
  WxProtocolError,
  WxSignatureError,
  WxXmlError,
} from './errors';
export { field, hasFourByteChar, stripFourByteChars } from './fields';
export { isSuccessReply, notifyReply, parseNotify } from './notify';
export type { NotifyExpectation, NotifyRejection, NotifyResult } from './notify';
export { isSignType, nonce, sign, signMessage, verify } from './sign';
export { formatWxTime, parseWxTime } from './time';
export { isTradeState, TRADE_STATES } from './trade-state';
export type * from './types';
export { buildXml, MAX_XML_BYTES, parseXml } from './xml';
