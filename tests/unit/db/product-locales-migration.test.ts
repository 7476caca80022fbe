// The migration that gives products a Chinese and an English name and description: every existing
// product keeps its text as the Chinese one, the untouched demo products get proper texts in each
// language, and an edited demo product is left as its merchant wrote it.
import { expect, it } from 'vitest';
import { databaseBefore } from './migrations-before';

it('copies name and description into the Chinese columns, and splits the untouched demo texts', async () => {
  const { client, migrateAll } = await databaseBefore('_product_locales');
  const longjing = 'Pan-fired, flat-leaf green tea from Hangzhou with a toasty, chestnut-like sweetness. Packed in a resealable tin.';
  await client.query(
    `insert into products (slug, name, description, price_fen, stock, image_url) values
      ('longjing-green-tea', 'Longjing Green Tea 龙井 250 g', $1, 12800, 1, '/a.svg'),
      ('fountain-pen', 'Our own pen', 'Edited by the merchant.', 100, 1, '/b.svg'),
      ('osmanthus', '桂花乌龙', '花香。', 6800, 1, '/c.svg')`,
    [longjing],
  );

  await migrateAll();
  const rows = (await client.query(`select slug, name_zh, name_en, description_zh, description_en from products order by slug`)).rows;
  expect(rows).toEqual([
    { slug: 'fountain-pen', name_zh: 'Our own pen', name_en: '', description_zh: 'Edited by the merchant.', description_en: '' },
    {
      slug: 'longjing-green-tea',
      name_zh: '西湖龙井绿茶 250 克',
      name_en: 'Longjing Green Tea 250 g',
      description_zh: expect.stringContaining('杭州'),
      description_en: longjing,
    },
    { slug: 'osmanthus', name_zh: '桂花乌龙', name_en: '', description_zh: '花香。', description_en: '' },
  ]);
  await expect(client.query(`insert into products (slug, price_fen, stock, image_url) values ('x', 1, 1, '/x.svg')`)).rejects.toThrow(/name_zh/);
  await client.close();
}, 60_000);
