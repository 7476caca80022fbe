// Who a user is to the shop (spec "Data": users.role). A leaf module, like
// lib/orders/order-status.ts (which says why).

export const USER_ROLES = ['shopper', 'admin'] as const;

export type UserRole = (typeof USER_ROLES)[number];
