// GET /api/products/{id}/image?v=<version> – an uploaded product image. The URL changes with every
// upload, so the current version is cached for a year as immutable; any other version is served
// fresh but not cached, so an old URL never pins a stale image.
import { readProductImage } from '@/lib/catalog/product-image';
import { respond } from '@/app/_server/http';

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return respond(async () => {
    const id = (await params).id;
    const image = /^[1-9]\d{0,8}$/.test(id) ? await readProductImage(Number(id)) : undefined;
    if (!image) return Response.json({ error: 'No image for this product' }, { status: 404 });
    const current = new URL(request.url).searchParams.get('v') === String(image.updatedAt.getTime());
    return new Response(Buffer.from(image.bytes), {
      headers: {
        'content-type': image.contentType,
        'content-length': String(image.bytes.byteLength),
        'cache-control': current ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'",
      },
    });
  });
}
