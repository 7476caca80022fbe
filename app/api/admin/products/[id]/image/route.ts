// POST /api/admin/products/{id}/image – multipart `file`: a PNG, JPEG or WebP of at most 2 MB
// (checked by its bytes; SVG refused). 200 {imageUrl}; 413 when larger.
import { z } from 'zod';
import { idParam } from '@/lib/admin/filters';
import { MAX_IMAGE_BYTES, saveProductImage } from '@/lib/catalog/product-image';
import { AppError } from '@/lib/errors';
import { readCappedBytes } from '@/lib/http/read-capped-body';
import { parseWith, respond } from '@/app/_server/http';
import { requireAdmin } from '@/app/_server/session';

// Room for the multipart boundaries and headers around the file.
const BODY_LIMIT = MAX_IMAGE_BYTES + 64 * 1024;

export function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return respond(async () => {
    await requireAdmin();
    const { id } = parseWith(z.object({ id: idParam }), await params);
    const file = await readImageFile(request);
    return Response.json(await saveProductImage(id, new Uint8Array(await file.arrayBuffer())));
  });
}

async function readImageFile(request: Request): Promise<File> {
  const { ok, bytes } = await readCappedBytes(request, BODY_LIMIT);
  if (!ok) throw new AppError('too_large', 'The image is larger than 2 MB');
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    throw new AppError('bad_request', 'Send multipart/form-data with a `file` field');
  }
  const file = form.get('file');
  if (!(file instanceof File)) throw new AppError('bad_request', 'Send multipart/form-data with a `file` field', { fields: { file: 'required' } });
  return file;
}
