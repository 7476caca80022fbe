// Product images live in the database (product_images), so uploads work on a serverless host with
// no writable disk. Each upload gets a new URL (?v=<updated_at>), so the image route can tell
// browsers and CDNs to keep it forever.
import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { productImages, products } from '@/db/schema';
import { AppError } from '@/lib/errors';

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

/**
 * The type from the file's first bytes, whatever the upload claims. Only raster formats: an SVG
 * can carry script, and it would be served from our own origin.
 */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}

export function imageUrl(productId: number, updatedAt: Date): string {
  return `/api/products/${productId}/image?v=${updatedAt.getTime()}`;
}

export async function saveProductImage(productId: number, bytes: Uint8Array): Promise<{ imageUrl: string }> {
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw new AppError('too_large', 'The image is larger than 2 MB');
  const contentType = sniffImageType(bytes);
  if (!contentType) throw new AppError('bad_request', 'Upload a PNG, JPEG or WebP image', { fields: { file: 'PNG, JPEG or WebP only' } });

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
