import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WxXmlError } from './errors';
import type { WxFields } from './types';

export const MAX_XML_BYTES = 64 * 1024;

// WeChat never sends a DTD; refusing one before parsing closes XXE and entity expansion (spec §11.6).
const DTD = /<!(?:DOCTYPE|ENTITY)/i;
const XML_WHITESPACE = /^[ \t\r\n]*$/;
const ATTRIBUTES = ':@';
const CDATA = '#cdata';
const TEXT = '#text';
const PREDEFINED_ENTITIES = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

type OrderedNode = Record<string, unknown>;

// preserveOrder keeps repeated names, attributes and stray text visible, so they can be refused below.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  cdataPropName: CDATA,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  trimValues: false,
  onDangerousProperty: (name) => {
    throw new WxXmlError(`element name <${name}> is not allowed`);
  },
});

/** Parses a flat v2 message; anything WeChat would not send is a WxXmlError. */
export function parseXml(body: string): WxFields {
  if (Buffer.byteLength(body, 'utf8') > MAX_XML_BYTES) {
    throw new WxXmlError(`XML body is larger than ${MAX_XML_BYTES} bytes`);
  }
  if (DTD.test(body)) throw new WxXmlError('XML body contains a DOCTYPE or ENTITY declaration');
  const validation = XMLValidator.validate(body);
  if (validation !== true) throw new WxXmlError(`XML body is not well-formed: ${validation.err.msg}`);

  let document: OrderedNode[];
  try {
    document = parser.parse(body);
  } catch (err) {
    throw err instanceof WxXmlError ? err : new WxXmlError('XML body could not be parsed', { cause: err });
  }
  const roots = document.filter((node) => !('?xml' in node));
  const [root] = roots;
  if (roots.length !== 1 || !root || !('xml' in root) || ATTRIBUTES in root) {
    throw new WxXmlError('XML body must have a single <xml> root without attributes');
  }

  const fields = new Map<string, string>();
  for (const node of root.xml as OrderedNode[]) {
    if (TEXT in node) {
      if (!XML_WHITESPACE.test(node[TEXT] as string)) throw new WxXmlError('XML body has text between elements');
      continue;
    }
    if (ATTRIBUTES in node) throw new WxXmlError('XML fields must not have attributes');
    const [name] = Object.keys(node);
    if (name === undefined) throw new WxXmlError('XML body has an empty node');
    if (fields.has(name)) throw new WxXmlError(`XML field <${name}> appears twice`);
    fields.set(name, elementText(name, node[name] as OrderedNode[]));
  }
  return Object.fromEntries(fields);
}

function elementText(name: string, children: OrderedNode[]): string {
  return children
    .map((child) => {
      if (TEXT in child) return decodeReferences(child[TEXT] as string);
      if (CDATA in child) return (child[CDATA] as OrderedNode[]).map((text) => text[TEXT] as string).join('');
      throw new WxXmlError(`XML field <${name}> has nested elements`);
    })
    .join('');
}

// processEntities is off so no entity machinery runs at all; the few references XML itself defines are decoded here.
function decodeReferences(text: string): string {
  return text.replace(/&([^;]+);/g, (reference, entity: string) => {
    if (!entity.startsWith('#')) {
      const char = PREDEFINED_ENTITIES.get(entity);
      if (char === undefined) throw new WxXmlError(`XML body uses the undefined entity ${reference}`);
      return char;
    }
    const codePoint = entity[1] === 'x' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
    if (!(codePoint > 0 && codePoint <= 0x10ffff) || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
      throw new WxXmlError(`XML body uses the invalid character reference ${reference}`);
    }
    return String.fromCodePoint(codePoint);
  });
}

/** Serialises like WeChat: numbers bare, strings in CDATA, fields in insertion order, undefined left out. */
export function buildXml(fields: Record<string, string | number | undefined>): string {
  let xml = '<xml>';
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    xml += `<${name}>${typeof value === 'number' ? value : cdata(value)}</${name}>`;
  }
  return `${xml}</xml>`;
}

// "]]>" would end the section early, so it is split across two adjacent sections.
function cdata(value: string): string {
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
