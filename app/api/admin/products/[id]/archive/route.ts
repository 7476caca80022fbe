// POST /api/admin/products/{id}/archive – out of the catalogue and no longer for sale, still shown
// on the orders that bought it. DELETE restores it.
import { z } from 'zod';
import { idParam } from '@/lib/admin/filters';
import { setArchived } from '@/lib/admin/save-product';
import { parseWith, respond } from '@/app/_server/http';
import { requireAdmin } from '@/app/_server/session';

type Context = { params: Promise<{ id: string }> };

function archive(archived: boolean) {
  return (_request: Request, { params }: Context) =>
    respond(async () => {
      await requireAdmin();
      const { id } = parseWith(z.object({ id: idParam }), await params);
      return Response.json(await setArchived(id, archived));
    });
}

export const POST = archive(true);
export const DELETE = archive(false);
