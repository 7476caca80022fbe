import { describe, expect, it } from 'vitest';
import { WxXmlError } from '@/lib/wechatpay/errors';
import { buildXml, MAX_XML_BYTES, parseXml } from '@/lib/wechatpay/xml';

function expectXmlError(body: string) {
  expect(() => parseXml(body)).toThrow(WxXmlError);
}

describe('parseXml accepts what WeChat sends', () => {
  it('reads CDATA and bare values as exact strings', () => {
    expect(parseXml('<xml><return_code><![CDATA[SUCCESS]]></return_code><total_fee>100</total_fee></xml>')).toEqual({
      return_code: 'SUCCESS',
      total_fee: '100',
    });
  });

  it('keeps number-like strings exactly', () => {
    const fields = parseXml('<xml><out_trade_no>000123</out_trade_no><a>1e3</a><b>0x10</b><c>1.50</c><d>true</d><e><![CDATA[007]]></e></xml>');
    expect(fields).toEqual({ out_trade_no: '000123', a: '1e3', b: '0x10', c: '1.50', d: 'true', e: '007' });
  });

  it('keeps < and & inside CDATA, and whitespace inside values', () => {
    expect(parseXml('<xml><body><![CDATA[ a<b & c>d ]]></body><attach> x </attach></xml>')).toEqual({
      body: ' a<b & c>d ',
      attach: ' x ',
    });
  });

  it('accepts a declaration, newlines and indentation between elements', () => {
    const body = '<?xml version="1.0" encoding="UTF-8"?>\n<xml>\n  <appid><![CDATA[wx1]]></appid>\r\n\t<mch_id>10000100</mch_id>\n</xml>\n';
    expect(parseXml(body)).toEqual({ appid: 'wx1', mch_id: '10000100' });
  });

  it('reads empty elements as empty strings', () => {
    expect(parseXml('<xml><attach></attach><device_info/><x><![CDATA[]]></x></xml>')).toEqual({
      attach: '',
      device_info: '',
      x: '',
    });
  });

  it('decodes the predefined entities and character references in plain text', () => {
    expect(parseXml('<xml><a>x&amp;y&lt;z&gt;&quot;&apos;</a><b>&#20013;&#x6587;</b></xml>')).toEqual({
      a: 'x&y<z>"\'',
      b: '中文',
    });
  });

  it('reads an empty <xml/> as no fields', () => {
    expect(parseXml('<xml/>')).toEqual({});
  });

  it('accepts a body of exactly MAX_XML_BYTES', () => {
    const frame = '<xml><a></a></xml>';
    const body = frame.replace('</a>', `${'x'.repeat(MAX_XML_BYTES - frame.length)}</a>`);
    expect(Buffer.byteLength(body)).toBe(MAX_XML_BYTES);
    expect(parseXml(body).a).toHaveLength(MAX_XML_BYTES - frame.length);
  });
});

describe('parseXml refuses everything else', () => {
  it('refuses a DOCTYPE (XXE) in any case', () => {
    expectXmlError('<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><a>&xxe;</a></xml>');
    expectXmlError('<!doctype xml><xml><a>1</a></xml>');
  });

  it('refuses an ENTITY declaration even without DOCTYPE', () => {
    expectXmlError('<xml><!ENTITY a "b"><a>1</a></xml>');
  });

  it('refuses an undefined entity reference', () => {
    expectXmlError('<xml><a>&xxe;</a></xml>');
  });

  it('refuses an invalid character reference', () => {
    expectXmlError('<xml><a>&#0;</a></xml>');
    expectXmlError('<xml><a>&#xD800;</a></xml>');
  });

  it('measures the size limit in bytes, not characters', () => {
    const frame = '<xml><a></a></xml>';
    // 3 bytes per character: well under the limit in characters, over it in bytes.
    const body = frame.replace('</a>', `${'中'.repeat(Math.ceil(MAX_XML_BYTES / 3))}</a>`);
    expect(body.length).toBeLessThan(MAX_XML_BYTES);
    expectXmlError(body);
  });

  it('refuses a nested element', () => {
    expectXmlError('<xml><a><b>1</b></a></xml>');
  });

  it('refuses attributes on a field or on the root', () => {
    expectXmlError('<xml><a b="1">1</a></xml>');
    expectXmlError('<xml><a b="1"/></xml>');
    expectXmlError('<xml version="2"><a>1</a></xml>');
  });

  it('refuses a repeated field', () => {
    expectXmlError('<xml><a>1</a><a>2</a></xml>');
  });

  it('refuses text between elements', () => {
    expectXmlError('<xml>oops<a>1</a></xml>');
  });

  it('refuses non-XML bodies', () => {
    for (const body of ['', '   ', 'success', '支付成功', '{"return_code":"SUCCESS"}', '<xml><a>1</a>', '<xml><a>1</b></xml>']) {
      expectXmlError(body);
    }
  });

  it('refuses two roots, including a self-closing one the validator lets through', () => {
    expectXmlError('<xml><a>1</a></xml><xml><b>2</b></xml>');
    expectXmlError('<xml><a>1</a></xml><xml/>');
    expectXmlError('<xml><a>1</a></xml><extra/>');
  });

  it('refuses a root other than <xml>', () => {
    expectXmlError('<root><a>1</a></root>');
    expectXmlError('<XML><a>1</a></XML>');
    expectXmlError('<html><body>OK</body></html>');
  });

  it('refuses processing instructions other than the declaration', () => {
    expectXmlError('<?php echo 1; ?><xml><a>1</a></xml>');
  });

  it('refuses field names that collide with object internals', () => {
    expectXmlError('<xml><__proto__>1</__proto__></xml>');
    expectXmlError('<xml><constructor>1</constructor></xml>');
    expectXmlError('<xml><toString>1</toString></xml>');
  });
});

describe('buildXml', () => {
  it('writes numbers bare and strings in CDATA, in insertion order, skipping undefined', () => {
    expect(buildXml({ return_code: 'SUCCESS', total_fee: 1, attach: undefined, body: '' })).toBe(
      '<xml><return_code><![CDATA[SUCCESS]]></return_code><total_fee>1</total_fee><body><![CDATA[]]></body></xml>',
    );
  });

  it('splits "]]>" across CDATA sections', () => {
    expect(buildXml({ a: 'x]]>y' })).toBe('<xml><a><![CDATA[x]]]]><![CDATA[>y]]></a></xml>');
  });

  it('round-trips through parseXml', () => {
    const fields = {
      out_trade_no: '000123',
      body: '腾讯充值中心-QQ会员充值 <b>&amp; 🙂',
      tricky: ']]>]]]>]]>>',
      newline: 'a\nb',
      empty: '',
    };
    expect(parseXml(buildXml({ ...fields, total_fee: 100 }))).toEqual({ ...fields, total_fee: '100' });
  });
});
