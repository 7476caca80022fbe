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
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  category: string;
  priceFen: number;
  stock: number;
  imageUrl: string;
}

export const seedCatalog: SeedProduct[] = [
  // Tea
  {
    slug: 'longjing-green-tea',
    nameZh: '西湖龙井绿茶 250 克',
    nameEn: 'Longjing Green Tea 250 g',
    descriptionZh: '产自杭州的扁平炒青绿茶，带着烘炒的板栗香和回甘。装在可重复密封的茶罐里。',
    descriptionEn: 'Pan-fired, flat-leaf green tea from Hangzhou with a toasty, chestnut-like sweetness. Packed in a resealable tin.',
    category: 'Tea',
    priceFen: 12800,
    stock: 80,
    imageUrl: '/products/longjing-green-tea.svg',
  },
  {
    slug: 'puer-tea-cake',
    nameZh: '普洱熟茶饼 357 克',
    nameEn: "Pu'er Tea Cake 357 g",
    descriptionZh: '云南普洱熟茶压制成饼，以棉纸包裹。醇厚顺滑；每次冲泡掰下几克即可。',
    descriptionEn: "A pressed cake of ripe Pu'er from Yunnan, wrapped in cotton paper. Earthy and smooth; break off a few grams for each brew.",
    category: 'Tea',
    priceFen: 16800,
    stock: 60,
    imageUrl: '/products/puer-tea-cake.svg',
  },
  {
    slug: 'jasmine-pearls',
    nameZh: '茉莉龙珠 100 克',
    nameEn: 'Jasmine Pearls 100 g',
    descriptionZh: '绿茶叶揉捻成珠，以茉莉花窨制。龙珠在杯中舒展开来，可以冲泡多次。',
    descriptionEn: 'Green tea leaves rolled into pearls and scented with jasmine blossoms. The pearls unfurl in the cup and stand up to several steepings.',
    category: 'Tea',
    priceFen: 6800,
    stock: 120,
    imageUrl: '/products/jasmine-pearls.svg',
  },
  {
    slug: 'gaiwan-tea-set',
    nameZh: '青花盖碗茶具套装',
    nameEn: 'Gaiwan Tea Set',
    descriptionZh: '一只 150 毫升的青花瓷盖碗（盖、碗、托），配两只同款茶杯。',
    descriptionEn: 'A 150 ml porcelain gaiwan (lid, bowl and saucer) with two matching cups, decorated in blue and white.',
    category: 'Tea',
    priceFen: 29800,
    stock: 30,
    imageUrl: '/products/gaiwan-tea-set.svg',
  },

  // Coffee & Cups
  {
    slug: 'yunnan-coffee-beans',
    nameZh: '云南咖啡豆 500 克',
    nameEn: 'Yunnan Coffee Beans 500 g',
    descriptionZh: '云南阿拉比卡中度烘焙咖啡豆，带红糖和坚果风味。装在带单向排气阀的密封袋中。',
    descriptionEn: 'Medium-roast whole-bean Arabica from Yunnan, with notes of brown sugar and nuts. Sealed in a bag with a one-way valve.',
    category: 'Coffee & Cups',
    priceFen: 9800,
    stock: 100,
    imageUrl: '/products/yunnan-coffee-beans.svg',
  },
  {
    slug: 'pour-over-dripper',
    nameZh: '陶瓷手冲滤杯',
    nameEn: 'Ceramic Pour-Over Dripper',
    descriptionZh: '上釉陶瓷锥形滤杯，适合一至两杯，使用 02 号滤纸。内壁的筋条让咖啡均匀流下。',
    descriptionEn: 'A glazed ceramic cone dripper for one or two cups that takes size 02 paper filters. Ribbed walls help the coffee drain evenly.',
    category: 'Coffee & Cups',
    priceFen: 7900,
    stock: 70,
    imageUrl: '/products/pour-over-dripper.svg',
  },
  {
    slug: 'double-wall-glass-cup',
    nameZh: '双层玻璃杯 250 毫升',
    nameEn: 'Double-Wall Glass Cup 250 ml',
    descriptionZh: '高硼硅玻璃杯，双层杯壁保温又不烫手。适合拿铁、茶或冰饮。',
    descriptionEn: 'A borosilicate glass cup whose double wall keeps drinks warm and the outside comfortable to hold. Good for lattes, tea or iced drinks.',
    category: 'Coffee & Cups',
    priceFen: 5900,
    stock: 150,
    imageUrl: '/products/double-wall-glass-cup.svg',
  },

  // Stationery
  {
    slug: 'dot-grid-notebook',
    nameZh: 'A5 点阵笔记本',
    nameEn: 'Dot Grid Notebook A5',
    descriptionZh: 'A5 笔记本，160 页 5 毫米点阵，可平摊装订，带丝带书签。',
    descriptionEn: 'An A5 notebook with 160 pages of 5 mm dot grid, a lay-flat binding and a ribbon marker.',
    category: 'Stationery',
    priceFen: 4500,
    stock: 180,
    imageUrl: '/products/dot-grid-notebook.svg',
  },
  {
    slug: 'fountain-pen',
    nameZh: '钢笔',
    nameEn: 'Fountain Pen',
    descriptionZh: '细尖钢笔，藏青色笔杆配金色饰件。使用标准国际墨囊。',
    descriptionEn: 'A fine steel-nib fountain pen with a navy barrel and gold-tone trim. Takes standard international ink cartridges.',
    category: 'Stationery',
    priceFen: 15800,
    stock: 40,
    imageUrl: '/products/fountain-pen.svg',
  },
  {
    slug: 'washi-tape',
    nameZh: '和纸胶带（2 卷）',
    nameEn: 'Washi Tape (2 rolls)',
    descriptionZh: '两卷纸胶带，珊瑚色条纹和薄荷色圆点，每卷 15 毫米 × 5 米。可徒手撕开，揭下不留痕，适合手帐、标签和礼品包装。',
    descriptionEn:
      'Two rolls of paper tape, coral stripes and mint dots, each 15 mm × 5 m. Tears by hand and peels off cleanly for journals, labels and gift wrap.',
    category: 'Stationery',
    priceFen: 990,
    stock: 200,
    imageUrl: '/products/washi-tape.svg',
  },

  // Home
  {
    slug: 'ceramic-mug',
    nameZh: '陶瓷马克杯 350 毫升',
    nameEn: 'Ceramic Mug 350 ml',
    descriptionZh: '暖色陶土烧制的粗陶马克杯，半身施鼠尾草绿釉。可用微波炉和洗碗机。',
    descriptionEn: 'A stoneware mug half-dipped in a sage glaze over warm terracotta clay. Microwave- and dishwasher-safe.',
    category: 'Home',
    priceFen: 6900,
    stock: 90,
    imageUrl: '/products/ceramic-mug.svg',
  },
  {
    slug: 'bamboo-tray',
    nameZh: '竹托盘',
    nameEn: 'Bamboo Serving Tray',
    descriptionZh: '40 × 28 厘米的竹条托盘，带镂空把手，用来端茶或早餐。擦拭干净后自然晾干。',
    descriptionEn: 'A 40 × 28 cm slatted bamboo tray with cut-out handles, for serving tea or breakfast. Wipe clean and let it air-dry.',
    category: 'Home',
    priceFen: 8900,
    stock: 50,
    imageUrl: '/products/bamboo-tray.svg',
  },
  {
    slug: 'linen-towel',
    nameZh: '亚麻茶巾',
    nameEn: 'Linen Tea Towel',
    descriptionZh: '45 × 65 厘米的水洗亚麻茶巾，赤陶色条纹，带挂绳。越洗越柔软。',
    descriptionEn: 'A 45 × 65 cm tea towel in washed linen with terracotta stripes and a hanging loop. It gets softer with every wash.',
    category: 'Home',
    priceFen: 4900,
    stock: 110,
    imageUrl: '/products/linen-towel.svg',
  },
  {
    slug: 'scented-candle',
    nameZh: '薰衣草香薰蜡烛',
    nameEn: 'Lavender Scented Candle',
    descriptionZh: '200 克大豆蜡蜡烛，薰衣草香，倒入琥珀色玻璃罐，配木盖。可燃烧约 40 小时。',
    descriptionEn: 'A 200 g soy-wax candle scented with lavender, poured into an amber glass jar with a wooden lid. Burns for about 40 hours.',
    category: 'Home',
    priceFen: 8800,
    stock: 60,
    imageUrl: '/products/scented-candle.svg',
  },
];
