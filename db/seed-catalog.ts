// The shop's starter catalog, so that a fresh install has something to sell and a fresh test
// database has something to buy. It is inserted idempotently on first start, keyed by `slug`
// (the unique column of `products`): a product whose slug already exists is left alone, so
// restarts, several instances starting together, and operators' later edits to price or
// stock never fight with this file.
//
// Money is integer fen (6800 = ¥68.00), as everywhere in the shop. Each `imageUrl` points at a
// hand-made SVG under public/products/ (public/products/placeholder.svg is the fallback for a
// product without an image). This file has no imports so that anything can load it.

export interface SeedProduct {
  slug: string;
  name: string;
  description: string;
  category: string;
  priceFen: number;
  stock: number;
  imageUrl: string;
}

export const seedCatalog: SeedProduct[] = [
  // Tea
  {
    slug: 'longjing-green-tea',
    name: 'Longjing Green Tea 龙井 250 g',
    description: 'Pan-fired, flat-leaf green tea from Hangzhou with a toasty, chestnut-like sweetness. Packed in a resealable tin.',
    category: 'Tea',
    priceFen: 12800,
    stock: 80,
    imageUrl: '/products/longjing-green-tea.svg',
  },
  {
    slug: 'puer-tea-cake',
    name: "Pu'er Tea Cake 普洱茶饼 357 g",
    description: "A pressed cake of ripe Pu'er from Yunnan, wrapped in cotton paper. Earthy and smooth; break off a few grams for each brew.",
    category: 'Tea',
    priceFen: 16800,
    stock: 60,
    imageUrl: '/products/puer-tea-cake.svg',
  },
  {
    slug: 'jasmine-pearls',
    name: 'Jasmine Pearls 茉莉龙珠 100 g',
    description: 'Green tea leaves rolled into pearls and scented with jasmine blossoms. The pearls unfurl in the cup and stand up to several steepings.',
    category: 'Tea',
    priceFen: 6800,
    stock: 120,
    imageUrl: '/products/jasmine-pearls.svg',
  },
  {
    slug: 'gaiwan-tea-set',
    name: 'Gaiwan Tea Set 盖碗套装',
    description: 'A 150 ml porcelain gaiwan (lid, bowl and saucer) with two matching cups, decorated in blue and white.',
    category: 'Tea',
    priceFen: 29800,
    stock: 30,
    imageUrl: '/products/gaiwan-tea-set.svg',
  },

  // Coffee & Cups
  {
    slug: 'yunnan-coffee-beans',
    name: 'Yunnan Coffee Beans 云南咖啡豆 500 g',
    description: 'Medium-roast whole-bean Arabica from Yunnan, with notes of brown sugar and nuts. Sealed in a bag with a one-way valve.',
    category: 'Coffee & Cups',
    priceFen: 9800,
    stock: 100,
    imageUrl: '/products/yunnan-coffee-beans.svg',
  },
  {
    slug: 'pour-over-dripper',
    name: 'Ceramic Pour-Over Dripper 手冲滤杯',
    description: 'A glazed ceramic cone dripper for one or two cups that takes size 02 paper filters. Ribbed walls help the coffee drain evenly.',
    category: 'Coffee & Cups',
    priceFen: 7900,
    stock: 70,
    imageUrl: '/products/pour-over-dripper.svg',
  },
  {
    slug: 'double-wall-glass-cup',
    name: 'Double-Wall Glass Cup 双层玻璃杯 250 ml',
    description: 'A borosilicate glass cup whose double wall keeps drinks warm and the outside comfortable to hold. Good for lattes, tea or iced drinks.',
    category: 'Coffee & Cups',
    priceFen: 5900,
    stock: 150,
    imageUrl: '/products/double-wall-glass-cup.svg',
  },

  // Stationery
  {
    slug: 'dot-grid-notebook',
    name: 'Dot Grid Notebook A5 点阵笔记本',
    description: 'An A5 notebook with 160 pages of 5 mm dot grid, a lay-flat binding and a ribbon marker.',
    category: 'Stationery',
    priceFen: 4500,
    stock: 180,
    imageUrl: '/products/dot-grid-notebook.svg',
  },
  {
    slug: 'fountain-pen',
    name: 'Fountain Pen 钢笔',
    description: 'A fine steel-nib fountain pen with a navy barrel and gold-tone trim. Takes standard international ink cartridges.',
    category: 'Stationery',
    priceFen: 15800,
    stock: 40,
    imageUrl: '/products/fountain-pen.svg',
  },
  {
    slug: 'washi-tape',
    name: 'Washi Tape 和纸胶带 (2 rolls)',
    description:
      'Two rolls of paper tape, coral stripes and mint dots, each 15 mm × 5 m. Tears by hand and peels off cleanly for journals, labels and gift wrap.',
    category: 'Stationery',
    priceFen: 990,
    stock: 200,
    imageUrl: '/products/washi-tape.svg',
  },

  // Home
  {
    slug: 'ceramic-mug',
    name: 'Ceramic Mug 陶瓷马克杯 350 ml',
    description: 'A stoneware mug half-dipped in a sage glaze over warm terracotta clay. Microwave- and dishwasher-safe.',
    category: 'Home',
    priceFen: 6900,
    stock: 90,
    imageUrl: '/products/ceramic-mug.svg',
  },
  {
    slug: 'bamboo-tray',
    name: 'Bamboo Serving Tray 竹托盘',
    description: 'A 40 × 28 cm slatted bamboo tray with cut-out handles, for serving tea or breakfast. Wipe clean and let it air-dry.',
    category: 'Home',
    priceFen: 8900,
    stock: 50,
    imageUrl: '/products/bamboo-tray.svg',
  },
  {
    slug: 'linen-towel',
    name: 'Linen Tea Towel 亚麻茶巾',
    description: 'A 45 × 65 cm tea towel in washed linen with terracotta stripes and a hanging loop. It gets softer with every wash.',
    category: 'Home',
    priceFen: 4900,
    stock: 110,
    imageUrl: '/products/linen-towel.svg',
  },
  {
    slug: 'scented-candle',
    name: 'Lavender Scented Candle 香薰蜡烛',
    description: 'A 200 g soy-wax candle scented with lavender, poured into an amber glass jar with a wooden lid. Burns for about 40 hours.',
    category: 'Home',
    priceFen: 8800,
    stock: 60,
    imageUrl: '/products/scented-candle.svg',
  },
];
