// Two v2 rules about field values, applied by the shop's client and by the sandbox alike.

/** An empty element counts as absent, as it does when signing (spec §2.1). */
export function field(fields: Record<string, string>, name: string): string | undefined {
  return fields[name] === '' ? undefined : fields[name];
}

// 「微信支付API v2仅支持UTF-8字符编码的一个子集：使用一至三个字节编码的字符」 (spec §1): nothing outside the BMP.
const FOUR_BYTE_CHARS = /[\u{10000}-\u{10FFFF}]/gu;

export function hasFourByteChar(value: string): boolean {
  return value.search(FOUR_BYTE_CHARS) !== -1;
}

/** The value without the characters v2 refuses (emoji, rare CJK), for text we choose to send. */
export function stripFourByteChars(value: string): string {
  return value.replace(FOUR_BYTE_CHARS, '');
}
