// The v2 envelope every /sandbox/pay endpoint shares (wechatpay.md §1–§3): the request checks in
// WeChat's order, then the reply. Protocol failures are return_code FAIL, unsigned, with only
// return_code/return_msg; everything after the signature check is a return_code SUCCESS reply,
// signed with the request's sign type and without a sign_type element (§2.2).
import {
  buildXml,
  field,
  hasFourByteChar,
  isSignType,
  MAX_XML_BYTES,
  nonce,
  parseXml,
  sign,
  verify,
  WxXmlError,
  type SignType,
  type WxFields,
} from '@/lib/wechatpay';
import { readCappedText, sandboxRoute } from './http';
import { merchantFor, type Merchant } from './merchant';
import { sandboxLog } from '@/lib/log';

export interface V2Request {
  fields: WxFields;
  signType: SignType;
  merchant: Merchant;
}

/** Business fields of a SUCCESS reply; numbers are written bare, as WeChat writes total_fee. */
export type ReplyFields = Record<string, string | number | undefined>;

export type V2Result = { ok: true; fields: ReplyFields } | { ok: false; errCode: string; errCodeDes: string };

export type V2Handler = (request: V2Request) => Promise<V2Result>;

export function businessError(errCode: string, errCodeDes: string): V2Result {
  return { ok: false, errCode, errCodeDes };
}

export function lackParams(name: string): V2Result {
  return businessError('LACK_PARAMS', `缺少参数${name}`);
}

export function paramError(errCodeDes: string): V2Result {
  return businessError('PARAM_ERROR', errCodeDes);
}

/** UTF-8 byte length: WeChat's String(n) limits count bytes. */
export function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** Route handler for one v2 endpoint: HTTP 200 and XML whatever happens, as WeChat answers. */
export function v2Route(handler: V2Handler): (request: Request) => Promise<Response> {
  return sandboxRoute(async (request: Request) => {
    const xml = await answer(request, handler);
    return new Response(xml, { status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8' } });
  });
}

async function answer(request: Request, handler: V2Handler): Promise<string> {
  if (request.method !== 'POST') return protocolFail('请使用post方法');
  const body = await readCappedText(request, MAX_XML_BYTES);
  return body.ok ? answerXml(body.text, handler) : protocolFail('XML格式错误');
}

/**
 * Says why a caller may not act for this mch_id, as an unsigned FAIL's return_msg, or undefined when
 * it may: the TLS listener's check that the client certificate is this merchant's.
 */
export type CallerCheck = (mchId: string) => string | undefined;

/** The reply to one POSTed XML body, for the route handlers and for the sandbox's TLS listener. */
export async function answerXml(text: string, handler: V2Handler, checkCaller?: CallerCheck): Promise<string> {
  const auth = authenticate(text, checkCaller);
  if (!auth.ok) return protocolFail(auth.returnMsg);
  return signedReply(auth.request, (await checkEnvelope(auth.request)) ?? (await handle(auth.request, handler)));
}

/** Why a request is refused before its business fields are read (`badSign`: it was read, and its sign is wrong). */
export type Authentication = { ok: true; request: V2Request } | { ok: false; returnMsg: string; badSign?: true };

/** The checks every v2 request passes first, in WeChat's order: XML, sign type, merchant, signature. */
export function authenticate(text: string, checkCaller?: CallerCheck): Authentication {
  const refuse = (returnMsg: string): Authentication => ({ ok: false, returnMsg });
  if (text.trim() === '') return refuse('post数据为空');

  let fields: WxFields;
  try {
    fields = parseXml(text);
  } catch (err) {
    if (err instanceof WxXmlError) return refuse('XML格式错误');
    throw err;
  }

  // Absent means MD5 (「签名类型，默认为MD5」, §2.2); anything else but the two exact literals is refused.
  const signType = field(fields, 'sign_type') ?? 'MD5';
  if (!isSignType(signType)) return refuse('签名类型不支持');
  const mchId = field(fields, 'mch_id');
  if (mchId === undefined) return refuse('缺少参数mch_id');
  const refusal = checkCaller?.(mchId);
  if (refusal !== undefined) return refuse(refusal);
  // Without a known merchant there is no key to sign with, so this too is an unsigned FAIL.
  const merchant = merchantFor(mchId);
  if (!merchant) return refuse('mch_id参数格式错误');
  if (!verify(fields, merchant.key, signType)) return { ok: false, returnMsg: '签名错误', badSign: true };
  return { ok: true, request: { fields, signType, merchant } };
}

/** The authenticated request's appid, encoding and nonce_str, or the business error they earn. */
export async function checkEnvelope(request: V2Request): Promise<V2Result | undefined> {
  const { fields, merchant } = request;
  const appid = field(fields, 'appid');
  // WeChat's table gives APPID_NOT_EXIST for 「参数中缺少APPID」 (§4.5), not LACK_PARAMS.
  if (appid === undefined) return businessError('APPID_NOT_EXIST', 'APPID不存在');
  if (appid !== merchant.appid) return businessError('APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
  if (Object.values(fields).some(hasFourByteChar)) {
    return businessError('NOT_UTF8', '编码格式错误');
  }
  const nonceStr = field(fields, 'nonce_str');
  if (nonceStr === undefined) return lackParams('nonce_str');
  if (byteLength(nonceStr) > 32) return paramError('nonce_str参数长度有误');
  return undefined;
}

async function handle(request: V2Request, handler: V2Handler): Promise<V2Result> {
  try {
    return await handler(request);
  } catch (err) {
    // WeChat's own answer to an internal failure (「系统异常，请用相同参数重新调用」), so the caller retries.
    sandboxLog.error({ err }, 'v2 request failed');
    return businessError('SYSTEMERROR', '系统错误');
  }
}

export function protocolFail(returnMsg: string): string {
  return buildXml({ return_code: 'FAIL', return_msg: returnMsg });
}

function signedReply({ fields, signType, merchant }: V2Request, result: V2Result): string {
  const message: ReplyFields = {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: field(fields, 'appid'),
    mch_id: merchant.mchId,
    nonce_str: nonce(16),
    result_code: result.ok ? 'SUCCESS' : 'FAIL',
    ...(result.ok ? result.fields : { err_code: result.errCode, err_code_des: result.errCodeDes }),
  };
  return buildXml({ ...message, sign: sign(message, merchant.key, signType) });
}
