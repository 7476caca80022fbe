import { WechatPayError, WxBusinessError, WxNetworkError, WxProtocolError, WxSignatureError } from './errors';
import { nonce, sign, verify } from './sign';
import type { SignType, WxFields, WxOutgoing } from './types';
import { buildXml } from './xml';

// The envelope every signed v2 call shares (spec §2–§3), for the verbs built outside client.ts.

export interface EnvelopeConfig {
  appid: string;
  mchId: string;
  key: string;
  signType: SignType;
}

/** The fields every signed request carries before its own (spec §2–§3). */
export interface WxRequestEnvelope {
  appid: string;
  mch_id: string;
  nonce_str: string;
  sign_type?: string;
  sign?: string;
}

/** The request fields an endpoint adds to the envelope every call shares. */
export type BusinessFields<T> = WxOutgoing<Omit<T, 'appid' | 'mch_id' | 'nonce_str' | 'sign_type' | 'sign'>>;

export function signedRequestXml<T>(config: EnvelopeConfig, business: BusinessFields<T>): string {
  const message = {
    appid: config.appid,
    mch_id: config.mchId,
    nonce_str: nonce(),
    sign_type: config.signType,
    ...(business as Record<string, string | number | undefined>),
  };
  return buildXml({ ...message, sign: sign(message, config.key, config.signType) });
}

/**
 * Order of checks from spec §1 判断逻辑 and §3: return_code, then signature, then result_code.
 * `businessError` builds the error for result_code FAIL, so a verb can attach what its err_codes mean.
 */
export function checkSignedReply(
  fields: WxFields,
  config: EnvelopeConfig,
  businessError: (errCode: string, errCodeDes: string) => Error = (code, des) => new WxBusinessError(code, des),
): WxFields {
  // FAIL replies are unsigned, so there is nothing to verify.
  if (fields.return_code !== 'SUCCESS') throw new WxProtocolError(fields.return_msg ?? '');
  // Replies carry no sign_type: they are signed with the type the request used.
  if (!verify(fields, config.key, config.signType)) {
    throw new WxSignatureError(fields.sign ? 'reply signature does not verify' : 'reply is not signed', fields);
  }
  if (fields.appid !== config.appid || fields.mch_id !== config.mchId) {
    throw new WechatPayError('MISMATCH', 'reply is for another appid or mch_id');
  }
  if (fields.result_code !== 'SUCCESS') throw businessError(fields.err_code ?? 'UNKNOWN', fields.err_code_des ?? '');
  return fields;
}

/** POST over fetch, reply as bytes: any non-200 or transport failure is a WxNetworkError (outcome unknown). */
export async function postBytes(send: typeof fetch, url: string, body: string, timeoutMs: number, maxBytes: number): Promise<Buffer> {
  const signal = AbortSignal.timeout(timeoutMs);
  const fail = (err: unknown): never => {
    if (signal.aborted) throw new WxNetworkError('TIMEOUT', `POST ${url} timed out after ${timeoutMs} ms`, err);
    throw new WxNetworkError('NETWORK_ERROR', `POST ${url} failed`, err);
  };
  const response = await send(url, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8' },
    body,
    signal,
  }).catch(fail);
  if (response.status !== 200) {
    throw new WxNetworkError('NETWORK_ERROR', `POST ${url} answered HTTP ${response.status}`);
  }
  const bytes = Buffer.from(await response.arrayBuffer().catch(fail));
  if (bytes.length > maxBytes) throw new WechatPayError('BAD_RESPONSE', `POST ${url} answered more than ${maxBytes} bytes`);
  return bytes;
}
