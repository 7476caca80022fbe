// Product images live in the database (product_images), so uploads work on a serverless host with
// no writable disk. Each upload gets a new URL (?v=<updated_at>), so the image route can tell
// browsers and CDNs to keep it forever. Uploads are checked by their structure, never re-encoded
// (no image library on the server); they are served with nosniff and a CSP that runs nothing.
import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { productImages, products } from '@/db/schema';
import { AppError } from '@/lib/errors';

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

/** Larger than any product photo needs; also bounds what a browser must decode per image. */
export const MAX_IMAGE_SIDE = 4096;

export interface ImageInfo {
  contentType: ImageType;
  width: number;
  height: number;
}

/**
 * The type and size read from the file's own structure, whatever the upload claims: a PNG's IHDR
 * and IEND, a JPEG's frame header, a WebP's RIFF length and VP8/VP8L/VP8X header. Only these
 * raster formats: an SVG can carry script, and it would be served from our own origin. Undefined
 * for anything else, a truncated file, or a size of 0 or above MAX_IMAGE_SIDE.
 */
export function inspectImage(bytes: Uint8Array): ImageInfo | undefined {
  const info = png(bytes) ?? jpeg(bytes) ?? webp(bytes);
  if (!info) return undefined;
  const sane = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_IMAGE_SIDE;
  return sane(info.width) && sane(info.height) ? info : undefined;
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const ascii = (bytes: Uint8Array, at: number, text: string) => [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));
const startsWith = (bytes: Uint8Array, sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IEND = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

function png(bytes: Uint8Array): ImageInfo | undefined {
  if (bytes.length < 8 + 25 + 12 || !startsWith(bytes, PNG_SIGNATURE)) return undefined;
  const data = view(bytes);
  if (data.getUint32(8) !== 13 || !ascii(bytes, 12, 'IHDR') || !startsWith(bytes, PNG_IEND, bytes.length - 12)) return undefined;
  return { contentType: 'image/png', width: data.getUint32(16), height: data.getUint32(20) };
}

// Start-of-frame markers (C0–CF) except DHT (C4), JPG (C8) and DAC (CC), which share the range.
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpeg(bytes: Uint8Array): ImageInfo | undefined {
  if (!startsWith(bytes, [0xff, 0xd8, 0xff])) return undefined;
  const data = view(bytes);
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image or scan data before any frame header
    const length = data.getUint16(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) return undefined;
    if (marker === undefined) return undefined;
    if (isStartOfFrame(marker)) {
      if (length < 7) return undefined;
      return { contentType: 'image/jpeg', height: data.getUint16(at + 5), width: data.getUint16(at + 7) };
    }
    at += 2 + length;
  }
  return undefined;
}

function webp(bytes: Uint8Array): ImageInfo | undefined {
  if (bytes.length < 30 || !ascii(bytes, 0, 'RIFF') || !ascii(bytes, 8, 'WEBP')) return undefined;
  const data = view(bytes);
  // The RIFF length covers the whole file after its first 8 bytes (padded to even).
  const riffEnd = 8 + data.getUint32(4, true);
  if (riffEnd > bytes.length || riffEnd + 1 < bytes.length) return undefined;
  const info = (width: number, height: number): ImageInfo => ({ contentType: 'image/webp', width, height });
  if (ascii(bytes, 12, 'VP8 ')) {
    // Lossy: a key frame's start code, then 14-bit width and height.
    if (!startsWith(bytes, [0x9d, 0x01, 0x2a], 23)) return undefined;
    return info(data.getUint16(26, true) & 0x3fff, data.getUint16(28, true) & 0x3fff);
  }
  if (ascii(bytes, 12, 'VP8L')) {
    if (bytes[20] !== 0x2f) return undefined;
    const bits = data.getUint32(21, true);
    return info((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (ascii(bytes, 12, 'VP8X')) {
    // Little-endian 24-bit, read through the DataView like every other field here.
    const uint24 = (at: number) => data.getUint16(at, true) | (data.getUint8(at + 2) << 16);
    return info(uint24(24) + 1, uint24(27) + 1);
  }
  return undefined;
}

export function imageUrl(productId: number, updatedAt: Date): string {
  return `/api/products/${productId}/image?v=${updatedAt.getTime()}`;
}

export async function saveProductImage(productId: number, bytes: Uint8Array): Promise<{ imageUrl: string }> {
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw new AppError('too_large', 'The image is larger than 2 MB');
  const image = inspectImage(bytes);
  if (!image) {
    const message = `Upload a PNG, JPEG or WebP image of at most ${MAX_IMAGE_SIDE}×${MAX_IMAGE_SIDE} pixels`;
    throw new AppError('bad_request', message, { fields: { file: `PNG, JPEG or WebP, at most ${MAX_IMAGE_SIDE} px a side` } });
  }
  const { contentType } = image;

  const updatedAt = new Date();
  const url = imageUrl(productId, updatedAt);
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  await getDb().transaction(async (tx) => {
    const [product] = await tx.update(products).set({ imageUrl: url }).where(eq(products.id, productId)).returning({ id: products.id });
    if (!product) throw new AppError('not_found', `No product ${productId}`);
    await tx
      .insert(productImages)
      .values({ productId, contentType, bytes: data, updatedAt })
      .onConflictDoUpdate({ target: productImages.productId, set: { contentType, bytes: data, updatedAt } });
  });
  return { imageUrl: url };
}

export async function readProductImage(productId: number) {
  const [image] = await getDb()
    .select({ contentType: productImages.contentType, bytes: productImages.bytes, updatedAt: productImages.updatedAt })
    .from(productImages)
    .where(eq(productImages.productId, productId));
  return image;
}
