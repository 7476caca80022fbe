import '@/lib/csp-safe-zod';
import { z } from 'zod';
import { MULTI_LINE, MULTI_LINE_MESSAGE, SINGLE_LINE, SINGLE_LINE_MESSAGE } from '@/lib/text-input';

// POST /api/orders and the checkout form share this. A price sent by a client is ignored (zod
// strips unknown keys): prices come from the database.
export const shippingSchema = z.object({
  name: z.string().trim().regex(SINGLE_LINE, SINGLE_LINE_MESSAGE).min(1, 'Enter the recipient’s name').max(50, 'At most 50 characters'),
  phone: z
    .string()
    .trim()
    .regex(SINGLE_LINE, SINGLE_LINE_MESSAGE)
    .regex(/^\+?[0-9][0-9 -]{5,19}$/, 'Enter a phone number'),
  // The checkout form's address is a textarea.
  address: z.string().trim().regex(MULTI_LINE, MULTI_LINE_MESSAGE).min(5, 'Enter the full address').max(200, 'At most 200 characters'),
});

export const checkoutSchema = z.object({
  items: z
    .array(
      z.object({
        productId: z.number().int().positive().max(2_147_483_647),
        quantity: z.number().int().min(1, 'At least 1').max(99, 'At most 99'),
      }),
    )
    .min(1, 'The cart is empty')
    .max(20, 'At most 20 lines per order'),
  shipping: shippingSchema.optional(),
});

export type CheckoutRequest = z.infer<typeof checkoutSchema>;
