import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inspectImage, MAX_IMAGE_SIDE } from '@/lib/catalog/product-image';

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

const chunk = (type: string, data: Buffer) => Buffer.concat([u32(data.length), Buffer.from(type), data, u32(crc32(Buffer.concat([Buffer.from(type), data])))]);

/** A real PNG (8-bit greyscale). */
function png(width: number, height: number): Buffer {
  const ihdr = Buffer.concat([u32(width), u32(height), Buffer.from([8, 0, 0, 0, 0])]);
  const rows = Buffer.alloc(Math.min(height, 4) * (width + 1));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG's marker structure up to its frame header (SOI, APP0, DQT, SOF0), then EOI. */
function jpeg(width: number, height: number, sof = 0xc0): Buffer {
  const segment = (marker: number, data: Buffer) =>
    Buffer.concat([Buffer.from([0xff, marker]), Buffer.from([(data.length + 2) >> 8, (data.length + 2) & 0xff]), data]);
  const size = Buffer.alloc(4);
  size.writeUInt16BE(height, 0);
  size.writeUInt16BE(width, 2);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xdb, Buffer.alloc(65)),
    segment(sof, Buffer.concat([Buffer.from([8]), size, Buffer.from([1, 1, 0x11, 0])])),
    Buffer.from([0xff, 0xd9]),
  ]);
}

// Modernizr's 1×1 WebP probes: lossy (VP8) and lossless (VP8L).
const WEBP_LOSSY = Buffer.from('UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA', 'base64');
const WEBP_LOSSLESS = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');

describe('inspectImage', () => {
  it('reads type and size from PNG, JPEG (baseline and progressive) and WebP structure', () => {
    expect(inspectImage(png(640, 480))).toEqual({ contentType: 'image/png', width: 640, height: 480 });
    expect(inspectImage(jpeg(800, 600))).toEqual({ contentType: 'image/jpeg', width: 800, height: 600 });
    expect(inspectImage(jpeg(800, 600, 0xc2))).toEqual({ contentType: 'image/jpeg', width: 800, height: 600 });
    expect(inspectImage(WEBP_LOSSY)).toEqual({ contentType: 'image/webp', width: 1, height: 1 });
    expect(inspectImage(WEBP_LOSSLESS)).toEqual({ contentType: 'image/webp', width: 1, height: 1 });
  });

  it('refuses SVG, HTML and other formats, whatever they are called', () => {
    expect(inspectImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeUndefined();
    expect(inspectImage(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeUndefined();
    expect(inspectImage(Buffer.from('GIF89a\x01\0\x01\0\0\0\0;', 'latin1'))).toBeUndefined();
    expect(inspectImage(new Uint8Array(0))).toBeUndefined();
  });

  it('refuses a bare magic number or a truncated file', () => {
    expect(inspectImage(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake png body')]))).toBeUndefined();
    expect(inspectImage(png(10, 10).subarray(0, 60))).toBeUndefined();
    expect(inspectImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]))).toBeUndefined();
    expect(inspectImage(jpeg(10, 10).subarray(0, 30))).toBeUndefined();
    expect(inspectImage(Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x10, 0, 0, 0]), Buffer.from('WEBPVP8 rest')]))).toBeUndefined();
    expect(inspectImage(WEBP_LOSSY.subarray(0, 36))).toBeUndefined();
  });

  it('refuses sizes of zero or beyond MAX_IMAGE_SIDE', () => {
    expect(inspectImage(png(MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))).toMatchObject({ width: MAX_IMAGE_SIDE });
    expect(inspectImage(png(MAX_IMAGE_SIDE + 1, 1))).toBeUndefined();
    expect(inspectImage(png(1, 100_000))).toBeUndefined();
    expect(inspectImage(png(0, 1))).toBeUndefined();
    expect(inspectImage(jpeg(0, 10))).toBeUndefined();
    expect(inspectImage(jpeg(65_535, 10))).toBeUndefined();
  });
});
