// Shared by the sandbox's refund tests: the shop's own refund client (lib/wechatpay) with the
// merchant certificate the running server generated into its DATA_DIR, trusting the sandbox CA.
import { readFileSync } from 'node:fs';
import { expect, inject } from 'vitest';
import { sandboxCertificateFiles } from '@/lib/env';
import { createRefundClient, type MerchantCertificate, type RefundClient } from '@/lib/wechatpay';
import { base, merchant, placeOrder, scanPay } from './helpers';

export const secapiBaseUrl = inject('secapiBaseUrl');
export const certFiles = sandboxCertificateFiles(inject('dataDir'), merchant.mchId);
export const sandboxCa = readFileSync(certFiles.ca, 'utf8');

export const merchantCertificate = {
  certPem: readFileSync(certFiles.merchantCert, 'utf8'),
  keyPem: readFileSync(certFiles.merchantKey, 'utf8'),
  ca: sandboxCa,
};

export function refundClient(certificate: MerchantCertificate = merchantCertificate, mchId: string = merchant.mchId): RefundClient {
  return createRefundClient({
    appid: merchant.appid,
    mchId,
    key: merchant.key,
    signType: 'HMAC-SHA256',
    baseUrl: `${base}/sandbox`,
    secapiBaseUrl,
    certificate,
  });
}

/** An order placed and paid through the sandbox. */
export async function paidOrder(totalFee = 6800): Promise<{ outTradeNo: string; transactionId: string; totalFee: number }> {
  const { outTradeNo, token } = await placeOrder({ total_fee: totalFee });
  const paid = await scanPay(token);
  expect(paid.status).toBe(200);
  return { outTradeNo, transactionId: String(paid.body.transactionId), totalFee };
}

let sequence = 0;
/** A fresh out_refund_no per call. */
export function newOutRefundNo(): string {
  sequence += 1;
  return `R${Date.now()}${sequence}${Math.random().toString(36).slice(2, 8)}`;
}
