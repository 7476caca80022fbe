// A merchant's catalogue edits. Prices are typed in yuan and stored in fen; placed orders keep the
// (Chinese) name and price copied at checkout, so an edit never changes them. Texts come in both
// languages: nameZh (required), nameEn, descriptionZh, descriptionEn; a script's older `name` and
// `description` are read as the Chinese ones.
//
// Stock is the number still available (reservations of pending orders were already taken off at
// checkout, and a close puts them back on top), so an operator's edit never breaks a reservation.
// The edit says which stock it saw: `UPDATE … WHERE stock = <seen>`, so a checkout that reserved
// in between is never overwritten — the operator gets a 409 with the current number instead.
import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { products } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { parseYuan } from '@/lib/money';
import { MULTI_LINE, MULTI_LINE_MESSAGE, SINGLE_LINE, SINGLE_LINE_MESSAGE } from '@/lib/text-input';

export const PLACEHOLDER_IMAGE = '/products/placeholder.svg';

const price = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const fen = parseYuan(s);
    if (fen === undefined || fen <= 0) {
      ctx.addIssue({ code: 'custom', message: 'must be a price in yuan above zero, such as 68.00' });
      return z.NEVER;
    }
    return fen;
  });
// Forms send strings: "" is a missing number, not zero.
const wholeNumber = (min: number, max: number, tooSmall: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v)) : v),
    z.number({ error: 'must be a whole number' }).int('must be a whole number').min(min, tooSmall).max(max),
  );
const stock = wholeNumber(0, 1_000_000, 'cannot be negative');

const name = z.string().trim().regex(SINGLE_LINE, SINGLE_LINE_MESSAGE).max(100);
const description = z.string().trim().regex(MULTI_LINE, MULTI_LINE_MESSAGE).max(2000);
const fields = {
  nameZh: name.min(1, 'required'),
  nameEn: name,
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single dashes, e.g. jasmine-tea')
    .max(80),
  descriptionZh: description,
  descriptionEn: description,
  category: z.string().trim().regex(SINGLE_LINE, SINGLE_LINE_MESSAGE).max(50),
  /** Units one order line may take; a checkout asks for at most 99 of anything anyway. */
  maxPerOrder: wholeNumber(1, 99, 'must be at least 1'),
};

/**
 * `name` / `description` (the single-language API before locales) stand for the Chinese texts;
 * validated under their own names, so a script's 400 names the field it sent.
 */
const aliases = { name: fields.nameZh.optional(), description: fields.descriptionZh.optional() };
function readAliases<T extends { name?: string; description?: string; nameZh?: string; descriptionZh?: string }>({ name, description, ...rest }: T) {
  return { ...rest, nameZh: rest.nameZh ?? name, descriptionZh: rest.descriptionZh ?? description };
}

export const createProductSchema = z
  .object({
    ...fields,
    ...aliases,
    nameZh: fields.nameZh.optional(),
    descriptionZh: fields.descriptionZh.optional(),
    slug: z.preprocess((v) => (v === '' ? undefined : v), fields.slug.optional()),
    nameEn: fields.nameEn.default(''),
    descriptionEn: fields.descriptionEn.default(''),
    category: fields.category.default(''),
    maxPerOrder: fields.maxPerOrder.default(10),
    price,
    stock,
  })
  .transform((v, ctx) => {
    const { nameZh, descriptionZh, ...rest } = readAliases(v);
    if (nameZh === undefined) {
      ctx.addIssue({ code: 'custom', path: ['nameZh'], message: 'required' });
      return z.NEVER;
    }
    return { ...rest, nameZh, descriptionZh: descriptionZh ?? '' };
  });

export const updateProductSchema = z
  .object({
    ...fields,
    ...aliases,
    price,
    stock,
    /** The stock the operator saw; required with `stock`. */
    expectedStock: stock,
  })
  .partial()
  .superRefine((v, ctx) => {
    if (v.stock !== undefined && v.expectedStock === undefined) {
      ctx.addIssue({ code: 'custom', path: ['expectedStock'], message: 'required with stock: the stock you saw before editing' });
    }
  })
  .transform(readAliases);

export type CreateProductInput = z.infer<typeof createProductSchema>;
export type UpdateProductInput = z.infer<typeof updateProductSchema>;

const returned = {
  id: products.id,
  slug: products.slug,
  name: products.nameZh,
  nameZh: products.nameZh,
  nameEn: products.nameEn,
  priceFen: products.priceFen,
  stock: products.stock,
  maxPerOrder: products.maxPerOrder,
  imageUrl: products.imageUrl,
};

export async function createProduct(input: CreateProductInput) {
  const slug = input.slug ?? slugify(input.nameEn || input.nameZh);
  const [product] = await getDb()
    .insert(products)
    .values({
      slug,
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      descriptionZh: input.descriptionZh,
      descriptionEn: input.descriptionEn,
      category: input.category,
      priceFen: input.price,
      stock: input.stock,
      maxPerOrder: input.maxPerOrder,
      imageUrl: PLACEHOLDER_IMAGE,
    })
    .onConflictDoNothing({ target: products.slug })
    .returning(returned);
  if (!product) throw slugTaken(slug);
  return product;
}

export async function updateProduct(id: number, input: UpdateProductInput) {
  const set: Partial<typeof products.$inferInsert> = {};
  if (input.nameZh !== undefined) set.nameZh = input.nameZh;
  if (input.nameEn !== undefined) set.nameEn = input.nameEn;
  if (input.slug !== undefined) set.slug = input.slug;
  if (input.descriptionZh !== undefined) set.descriptionZh = input.descriptionZh;
  if (input.descriptionEn !== undefined) set.descriptionEn = input.descriptionEn;
  if (input.category !== undefined) set.category = input.category;
  if (input.maxPerOrder !== undefined) set.maxPerOrder = input.maxPerOrder;
  if (input.price !== undefined) set.priceFen = input.price;
  if (input.stock !== undefined) set.stock = input.stock;
  if (Object.keys(set).length === 0) throw new AppError('bad_request', 'Nothing to change');

  const where: SQL[] = [eq(products.id, id)];
  if (input.stock !== undefined) where.push(eq(products.stock, input.expectedStock!));
  let product;
  try {
    [product] = await getDb()
      .update(products)
      .set(set)
      .where(and(...where))
      .returning(returned);
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken(input.slug!);
    throw err;
  }
  if (product) return product;

  const [current] = await getDb().select({ stock: products.stock }).from(products).where(eq(products.id, id));
  if (!current) throw new AppError('not_found', `No product ${id}`);
  throw new AppError(
    'conflict',
    `Stock changed while you were editing: it is now ${current.stock} (orders were placed or closed). Check the new number and save again.`,
    {
      fields: { stock: `now ${current.stock}` },
      stock: current.stock,
    },
  );
}

/** Archived products leave the catalogue and cannot be bought; old orders keep showing them. */
export async function setArchived(id: number, archived: boolean) {
  const [product] = await getDb()
    .update(products)
    .set({ archivedAt: archived ? sql`coalesce(${products.archivedAt}, now())` : null })
    .where(eq(products.id, id))
    .returning({ id: products.id, archivedAt: products.archivedAt });
  if (!product) throw new AppError('not_found', `No product ${id}`);
  return product;
}

function slugTaken(slug: string) {
  return new AppError('conflict', `The slug ${slug} is taken`, { fields: { slug: 'taken by another product' } });
}

// "Longjing Green Tea" → longjing-green-tea; a name with no Latin letters gets a unique fallback.
function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || `product-${Date.now().toString(36)}`;
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if ((e as { code?: string }).code === '23505') return true;
  return false;
}
