import { DrizzleQueryError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { serializeError } from '@/lib/log';

describe('serializeError', () => {
  it('keeps name, message, code and stack of a failed query, never its SQL, parameters or row detail', () => {
    const cause = Object.assign(new Error('new row for relation "orders" violates check constraint "c"'), {
      code: '23514',
      detail: 'Failing row contains (Quillon Vexmarsh, +86 139 7531 8642).',
      parameters: ['Quillon Vexmarsh', '+86 139 7531 8642'],
      query: 'insert into "orders" ("shipping_name", "shipping_phone") values ($1, $2)',
    });
    const err = new DrizzleQueryError(
      'insert into "orders" ("shipping_name", "shipping_phone") values ($1, $2)',
      ['Quillon Vexmarsh', '+86 139 7531 8642'],
      cause,
    );
    const logged = serializeError(err);
    const text = JSON.stringify(logged);
    expect(text).not.toContain('Quillon');
    expect(text).not.toContain('7531');
    expect(text).not.toContain('insert into');
    expect(logged).toMatchObject({ message: 'Failed query', cause: { code: '23514', message: expect.stringContaining('check constraint') } });
    // drizzle leaves `name` as Error; the stack keeps its frames under the safe message.
    expect(logged.stack).toMatch(/^Error: Failed query\n\s+at /);
  });

  it('describes something thrown that is not an Error without its contents', () => {
    expect(serializeError({ shippingPhone: '13800138000' })).toEqual({ name: 'object', message: 'non-Error thrown' });
  });
});
