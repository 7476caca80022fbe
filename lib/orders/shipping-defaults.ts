// The recipient a shopper used last time (remembered on `users` by createOrder), offered again as
// the checkout form's starting values.
import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';

export interface ShippingDefaults {
  name: string;
  phone: string;
  address: string;
}

export async function getShippingDefaults(userId: number): Promise<ShippingDefaults> {
  const [row] = await getDb()
    .select({ name: users.shippingName, phone: users.shippingPhone, address: users.shippingAddress })
    .from(users)
    .where(eq(users.id, userId));
  return { name: row?.name ?? '', phone: row?.phone ?? '', address: row?.address ?? '' };
}
