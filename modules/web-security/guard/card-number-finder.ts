import { Kind, parse, visit } from 'graphql';
import { findCardNumbers, redactCardNumbers, type CardSearchOptions } from '../../../app/log/card-numbers';

/** Where a card number was found and its last four digits: all that may be logged of it (PAY-02, LOG-03). */
export interface CardNumberHit {
  where: string;
  last4: string;
}

/** Walks that deep into nested JSON at most; a body nested deeper is still scanned as text. */
const MAX_DEPTH = 32;

/** Finds card numbers in the parts of a request, under one set of search options (see CardSearchOptions). */
export class CardNumberFinder {
  constructor(private readonly options: CardSearchOptions) {}

  inText(text: string, where: string): CardNumberHit | undefined {
    const [first] = findCardNumbers(text, this.options);
    return first ? { where, last4: first.digits.slice(-4) } : undefined;
  }

  /** Every key and every string or number of a decoded value (JSON body, query string object, GraphQL variables). */
  inValue(value: unknown, where: string, depth = 0): CardNumberHit | undefined {
    if (typeof value === 'string') return this.inText(value, where);
    if (typeof value === 'number' || typeof value === 'bigint') return this.inText(String(value), where);
    if (!value || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const hit = this.inValue(value[i], `${where}[${i}]`, depth + 1);
        if (hit) return hit;
      }
      return undefined;
    }
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      // A key may itself be the card number: the path names it without its digits.
      const name = redactCardNumbers(key, '[card number]');
      const path = where ? `${where}.${name}` : name;
      const hit = this.inText(key, `${path} (key)`) ?? this.inValue(item, path, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * GraphQL string literals may spell digits with escapes (`"\u0034\u0031…"`), which the raw text does not show: such
   * documents are parsed and their decoded strings scanned. Unparsable ones are refused later by the GraphQL handler, before
   * anything runs.
   */
  inGraphQlDocument(query: string, where: string): CardNumberHit | undefined {
    if (!query.includes('\\u')) return undefined;
    let hit: CardNumberHit | undefined;
    try {
      visit(parse(query, { maxTokens: 10_000 }), {
        [Kind.STRING]: (node) => {
          hit ??= this.inText(node.value, `${where} (string literal)`);
        },
      });
    } catch {
      return undefined;
    }
    return hit;
  }
}
