import { describe, expect, it } from 'vitest';
import { readCappedBytes, readCappedJson, readCappedText } from '@/lib/http/read-capped-body';

// A body without Content-Length, so the cap has to be found while streaming.
function streamed(...chunks: string[]): Request {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled < chunks.length) controller.enqueue(new TextEncoder().encode(chunks[pulled++]));
      else controller.close();
    },
  });
  return new Request('http://x/', { method: 'POST', body, duplex: 'half' } as RequestInit);
}

describe('readCappedBytes', () => {
  it('reads a body of exactly the cap whole', async () => {
    const { ok, bytes } = await readCappedBytes(streamed('abc', 'de'), 5);
    expect(ok).toBe(true);
    expect(bytes.toString()).toBe('abcde');
  });

  it('stops at the first chunk past the cap and keeps only what came before the cut', async () => {
    const request = streamed('abc', 'def', 'never read');
    const { ok, bytes } = await readCappedBytes(request, 5);
    expect(ok).toBe(false);
    expect(bytes.toString()).toBe('abcdef');
  });

  it('refuses a declared Content-Length over the cap without reading', async () => {
    const request = new Request('http://x/', { method: 'POST', body: 'x'.repeat(10), headers: { 'content-length': '10' } });
    expect(await readCappedBytes(request, 5)).toEqual({ ok: false, bytes: Buffer.alloc(0) });
    expect(request.bodyUsed).toBe(false);
  });

  it('reads a request without a body as empty', async () => {
    expect(await readCappedText(new Request('http://x/'), 5)).toEqual({ ok: true, text: '' });
  });
});

describe('readCappedJson', () => {
  it('parses JSON, reads a blank body as undefined and names what is wrong otherwise', async () => {
    expect(await readCappedJson(streamed('{"a":', '1}'), 100)).toEqual({ ok: true, value: { a: 1 } });
    expect(await readCappedJson(streamed(' \n'), 100)).toEqual({ ok: true, value: undefined });
    expect(await readCappedJson(streamed('{"a":'), 100)).toEqual({ ok: false, problem: 'not_json' });
    expect(await readCappedJson(streamed('{"a":"', 'x'.repeat(100), '"}'), 100)).toEqual({ ok: false, problem: 'too_large' });
  });
});
