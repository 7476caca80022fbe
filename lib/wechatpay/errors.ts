import type { WxFields } from './types';

/** Base of every error this package throws on purpose; `code` is stable, `message` is for logs. */
export class WechatPayError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WechatPayError';
    this.code = code;
  }
}

export class WxXmlError extends WechatPayError {
  constructor(message: string, options?: ErrorOptions) {
    super('XML_FORMAT_ERROR', message, options);
    this.name = 'WxXmlError';
  }
}

export class WxSignatureError extends WechatPayError {
  /** The message as received, for the log. */
  readonly fields: WxFields;

  constructor(message: string, fields: WxFields) {
    super('SIGN_ERROR', message);
    this.name = 'WxSignatureError';
    this.fields = fields;
  }
}

/** return_code FAIL: WeChat did not accept the request at all (bad sign, bad format…). */
export class WxProtocolError extends WechatPayError {
  readonly returnMsg: string;

  constructor(returnMsg: string) {
    super('RETURN_FAIL', `WeChat Pay returned FAIL: ${returnMsg}`);
    this.name = 'WxProtocolError';
    this.returnMsg = returnMsg;
  }
}

/** result_code FAIL: the request was understood and refused; `code` is WeChat's err_code. */
export class WxBusinessError extends WechatPayError {
  readonly errCode: string;
  readonly errCodeDes: string;

  constructor(errCode: string, errCodeDes: string) {
    super(errCode, `WeChat Pay business error ${errCode}: ${errCodeDes}`);
    this.name = 'WxBusinessError';
    this.errCode = errCode;
    this.errCodeDes = errCodeDes;
  }
}

/** No usable HTTP reply: the outcome on WeChat's side is unknown, so query before retrying. */
export class WxNetworkError extends WechatPayError {
  constructor(code: 'NETWORK_ERROR' | 'TIMEOUT', message: string, cause?: unknown) {
    super(code, message, { cause });
    this.name = 'WxNetworkError';
  }
}
