// GET /api/products/{id}/image?v=<version> – an uploaded product image. The URL changes with every
// upload, so the current version is cached for a year as immutable. Any other `v` (an old upload,
// none, or anything made up to bypass a cache) is a short-lived redirect to the current URL, so it
// can neither pin a stale image nor make the server send the image uncached again and again.
import { imageUrl, readProductImage } from '@/lib/catalog/product-image';
import { respond } from '@/app/_server/http';

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return respond(async () => {
    const id = (await params).id;
    const image = /^[1-9]\d{0,8}$/.test(id) ? await readProductImage(Number(id)) : undefined;
    if (!image) return Response.json({ error: 'No image for this product' }, { status: 404 });
    const current = imageUrl(Number(id), image.updatedAt);
    // Exactly the current URL: extra parameters would make new cache keys just the same.
    if (new URL(request.url).search !== new URL(current, request.url).search) {
      return new Response(null, { status: 307, headers: { location: current, 'cache-control': 'public, max-age=60' } });
    }
    return new Response(Buffer.from(image.bytes), {
      headers: {
        'content-type': image.contentType,
        'content-length': String(image.bytes.byteLength),
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
      },
    });
  });
}
