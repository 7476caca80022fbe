// .env.example documents exactly the variables lib/env.ts reads, and its examples are valid.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEnv, schema } from '@/lib/env';

// Set by `next dev` / `next start` themselves, so the example leaves it out.
const NOT_IN_EXAMPLE = ['NODE_ENV'];

const text = readFileSync(path.join(process.cwd(), '.env.example'), 'utf8');
const lines = text.split('\n');
const assigned = lines.flatMap((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1] ?? []);

/** The `# sandbox: NAME=value` or `# live: NAME=value` examples, as an environment. */
function examples(mode: 'sandbox' | 'live'): Record<string, string> {
  const pattern = new RegExp(`^# ${mode}:\\s+([A-Z][A-Z0-9_]*)=(\\S+)$`);
  return Object.fromEntries(
    lines.flatMap((line) => {
      const match = pattern.exec(line);
      return match ? [[match[1], match[2]]] : [];
    }),
  );
}

describe('.env.example', () => {
  const keys = Object.keys(schema.shape).filter((key) => !NOT_IN_EXAMPLE.includes(key));

  it('names every variable of the schema once, and nothing else', () => {
    expect([...assigned].sort()).toEqual([...keys].sort());
    expect(new Set(assigned).size).toBe(assigned.length);
  });

  it('leaves every value empty, so copying it changes no default', () => {
    const filled = lines.filter((line) => /^[A-Z][A-Z0-9_]*=./.test(line));
    expect(filled).toEqual([]);
  });

  it('gives each variable a comment above it', () => {
    for (const key of assigned) {
      const at = lines.findIndex((line) => line.startsWith(`${key}=`));
      expect(lines[at - 1], key).toMatch(/^#/);
    }
  });

  const dataDir = mkdtempSync(path.join(tmpdir(), 'env-example-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('has sandbox examples that parse as a sandbox environment', () => {
    const env = examples('sandbox');
    expect(Object.keys(env).sort()).toEqual([...keys].sort());
    // The sandbox writes its generated secrets to DATA_DIR; keep them out of the checkout.
    const parsed = parseEnv({ ...env, DATA_DIR: dataDir });
    expect(parsed.WXPAY_MODE).toBe('sandbox');
    expect(parsed.generated).toEqual([]);
  });

  it('has live examples that parse as a complete live environment', () => {
    const env = examples('live');
    // The sandbox's time scale and TLS port mean nothing in live mode, so they have no live example.
    const sandboxOnly = ['WXPAY_SANDBOX_TIME_SCALE', 'WXPAY_SANDBOX_TLS_PORT'];
    expect(Object.keys(env).sort()).toEqual(keys.filter((key) => !sandboxOnly.includes(key)).sort());
    const parsed = parseEnv(env);
    expect(parsed.WXPAY_MODE).toBe('live');
    expect(parsed.WXPAY_BASE_URL).toBe('https://api.mch.weixin.qq.com');
  });
});
