// Both catalogues carry the same keys, and each message the same ICU arguments and tags, so a
// string added in one language cannot be forgotten in the other.
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import zhCN from '@/messages/zh-CN.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The arguments ({name}, {count, plural, …}) and rich-text tags (<link>) of one message. */
function placeholders(message: string): string[] {
  const args = [...message.matchAll(/\{\s*([A-Za-z_]\w*)/g)].map((m) => `{${m[1]}}`);
  const tags = [...message.matchAll(/<(\w+)>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...args, ...tags])].sort();
}

const zh = flatten(zhCN);
const english = flatten(en);

describe('message catalogues', () => {
  it('have exactly the same keys', () => {
    expect([...english.keys()].filter((k) => !zh.has(k))).toEqual([]);
    expect([...zh.keys()].filter((k) => !english.has(k))).toEqual([]);
  });

  it('use the same placeholders in every message', () => {
    const differing = [...zh].filter(([key, message]) => english.has(key) && placeholders(message).join() !== placeholders(english.get(key)!).join());
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it('have no empty message', () => {
    expect([...zh, ...english].filter(([, m]) => m.trim() === '').map(([k]) => k)).toEqual([]);
  });
});
