/** The words the sample catalog is made of, in English and French. */

export const COLORS: Array<[string, string]> = [
  ['Black', 'Noir'], ['White', 'Blanc'], ['Navy', 'Marine'], ['Gray', 'Gris'], ['Red', 'Rouge'],
  ['Green', 'Vert'], ['Blue', 'Bleu'], ['Beige', 'Beige'], ['Pink', 'Rose'], ['Yellow', 'Jaune'],
];
export const SIZES = ['XS', 'S', 'M', 'L', 'XL'];
export const MATERIALS: Array<[string, string]> = [
  ['Cotton', 'Coton'], ['Wool', 'Laine'], ['Linen', 'Lin'], ['Polyester', 'Polyester'],
  ['Ceramic', 'Céramique'], ['Wood', 'Bois'], ['Glass', 'Verre'], ['Leather', 'Cuir'],
];

/** Top-level categories under Default Category, each with subcategories: [name, French name, url key, French url key]. */
export const CATEGORY_TREE: Array<{ names: [string, string, string, string]; children: Array<[string, string, string, string]> }> = [
  { names: ['Women', 'Femmes', 'women', 'femmes'], children: [['Tops', 'Hauts', 'tops', 'hauts'], ['Bottoms', 'Bas', 'bottoms', 'bas'], ['Dresses', 'Robes', 'dresses', 'robes']] },
  { names: ['Men', 'Hommes', 'men', 'hommes'], children: [['Tops', 'Hauts', 'tops', 'hauts'], ['Bottoms', 'Bas', 'bottoms', 'bas'], ['Outerwear', 'Vestes et manteaux', 'outerwear', 'vestes-et-manteaux']] },
  { names: ['Home', 'Maison', 'home', 'maison'], children: [['Kitchen', 'Cuisine', 'kitchen', 'cuisine'], ['Decor', 'Décoration', 'decor', 'decoration'], ['Bedding', 'Linge de lit', 'bedding', 'linge-de-lit']] },
  { names: ['Accessories', 'Accessoires', 'accessories', 'accessoires'], children: [['Bags', 'Sacs', 'bags', 'sacs'], ['Hats & Scarves', 'Bonnets et écharpes', 'hats-scarves', 'bonnets-et-echarpes']] },
];

export const COLLECTION_NAMES = ['Summit', 'Harbor', 'Meadow', 'Coastline', 'Nomad', 'Aurora', 'Juniper', 'Granite', 'Willow', 'Solstice', 'Tidal', 'Ember', 'Alder', 'Breeze', 'Cedar'];

/** Garments sold in colors and sizes: [category path, English noun, French noun, French gender (f: "légère"), price range in cents, materials]. */
export const GARMENTS: Array<{ category: string; noun: string; nounFr: string; feminine: boolean; price: [number, number]; materials: string[] }> = [
  { category: 'Women/Tops', noun: 'Tee', nounFr: 'T-shirt', feminine: false, price: [1900, 3500], materials: ['Cotton'] },
  { category: 'Women/Tops', noun: 'Hoodie', nounFr: 'Sweat à capuche', feminine: false, price: [4900, 7900], materials: ['Cotton', 'Polyester'] },
  { category: 'Women/Bottoms', noun: 'Leggings', nounFr: 'Legging', feminine: false, price: [3900, 5900], materials: ['Polyester'] },
  { category: 'Women/Dresses', noun: 'Wrap Dress', nounFr: 'Robe portefeuille', feminine: true, price: [5900, 9900], materials: ['Linen'] },
  { category: 'Men/Tops', noun: 'Polo', nounFr: 'Polo', feminine: false, price: [2900, 4900], materials: ['Cotton'] },
  { category: 'Men/Tops', noun: 'Sweatshirt', nounFr: 'Sweat-shirt', feminine: false, price: [4500, 6900], materials: ['Cotton'] },
  { category: 'Men/Bottoms', noun: 'Chinos', nounFr: 'Chino', feminine: false, price: [4900, 7900], materials: ['Cotton'] },
  { category: 'Men/Bottoms', noun: 'Joggers', nounFr: 'Pantalon de jogging', feminine: false, price: [3900, 5900], materials: ['Cotton', 'Polyester'] },
  { category: 'Men/Outerwear', noun: 'Rain Jacket', nounFr: 'Veste de pluie', feminine: true, price: [8900, 14900], materials: ['Polyester'] },
  { category: 'Men/Outerwear', noun: 'Wool Coat', nounFr: 'Manteau en laine', feminine: false, price: [14900, 24900], materials: ['Wool'] },
];

/** Things sold as they are: [category path, English noun, French noun, feminine, price range, materials]. */
export const GOODS: Array<{ category: string; noun: string; nounFr: string; feminine: boolean; price: [number, number]; materials: string[]; weight: number }> = [
  { category: 'Home/Kitchen', noun: 'Mug', nounFr: 'Mug', feminine: false, price: [1200, 2400], materials: ['Ceramic'], weight: 0.4 },
  { category: 'Home/Kitchen', noun: 'Tea Towel', nounFr: 'Torchon', feminine: false, price: [900, 1600], materials: ['Linen'], weight: 0.1 },
  { category: 'Home/Kitchen', noun: 'Serving Board', nounFr: 'Planche de service', feminine: true, price: [2900, 4900], materials: ['Wood'], weight: 1.2 },
  { category: 'Home/Decor', noun: 'Candle', nounFr: 'Bougie', feminine: true, price: [1800, 3400], materials: ['Glass'], weight: 0.5 },
  { category: 'Home/Decor', noun: 'Vase', nounFr: 'Vase', feminine: false, price: [2400, 5900], materials: ['Glass', 'Ceramic'], weight: 0.9 },
  { category: 'Home/Decor', noun: 'Cushion', nounFr: 'Coussin', feminine: false, price: [2500, 4500], materials: ['Linen', 'Cotton'], weight: 0.6 },
  { category: 'Home/Bedding', noun: 'Duvet Cover', nounFr: 'Housse de couette', feminine: true, price: [6900, 12900], materials: ['Linen', 'Cotton'], weight: 1.5 },
  { category: 'Home/Bedding', noun: 'Throw Blanket', nounFr: 'Plaid', feminine: false, price: [4900, 8900], materials: ['Wool'], weight: 1.1 },
  { category: 'Accessories/Bags', noun: 'Tote Bag', nounFr: 'Sac cabas', feminine: false, price: [2900, 5900], materials: ['Cotton', 'Leather'], weight: 0.3 },
  { category: 'Accessories/Hats & Scarves', noun: 'Beanie', nounFr: 'Bonnet', feminine: false, price: [1900, 2900], materials: ['Wool'], weight: 0.1 },
  { category: 'Accessories/Hats & Scarves', noun: 'Scarf', nounFr: 'Écharpe', feminine: true, price: [2900, 4900], materials: ['Wool', 'Linen'], weight: 0.2 },
];

export const ADJECTIVES: Array<[string, string, string]> = [
  ['soft', 'doux', 'douce'],
  ['light', 'léger', 'légère'],
  ['durable', 'résistant', 'résistante'],
  ['timeless', 'intemporel', 'intemporelle'],
  ['cozy', 'confortable', 'confortable'],
];

export const MATERIAL_WORDS: Record<string, [string, string]> = {
  Cotton: ['organic cotton', 'coton biologique'],
  Wool: ['merino wool', 'laine mérinos'],
  Linen: ['washed linen', 'lin lavé'],
  Polyester: ['recycled polyester', 'polyester recyclé'],
  Ceramic: ['glazed ceramic', 'céramique émaillée'],
  Wood: ['oiled oak', 'chêne huilé'],
  Glass: ['hand-blown glass', 'verre soufflé'],
  Leather: ['vegetable-tanned leather', 'cuir tanné végétal'],
};
