import {
  astFromValue,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  print,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';

/** The canary card: Visa's test number, written the ways people write it. */
export const CANARY_PANS = ['4111 1111 1111 1111', '4111-1111-1111-1111', '4111111111111111'];
export const CANARY_CVV = '987';

/**
 * A value for an input type with `text` in every String/ID leaf: what a client would send if it put a card number in every
 * free-text field. Required fields are always filled; optional ones too (up to a depth), so nested inputs are reached.
 */
export function inputValue(type: GraphQLInputType, text: string, depth = 0): unknown {
  if (isNonNullType(type)) return inputValue(type.ofType, text, depth);
  if (isListType(type)) return [inputValue(type.ofType, text, depth + 1)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (depth > 4 && !isNonNullType(field.type)) continue;
      out[field.name] = inputValue(field.type, text, depth + 1);
    }
    return out;
  }
  if (isScalarType(type)) {
    if (type.name === 'Int') return 1;
    if (type.name === 'Float') return 1.5;
    if (type.name === 'Boolean') return true;
    return text;
  }
  return null;
}

/** `mutation Canary($a: T…) { field(a: $a…) { __typename } }` with the values as variables. */
export function variablesCall(field: GraphQLField<unknown, unknown>, text: string): { query: string; variables: Record<string, unknown> } {
  const defs = field.args.map((a) => `$${a.name}: ${String(a.type)}`);
  const args = field.args.map((a) => `${a.name}: $${a.name}`);
  const selection = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? '' : ' { __typename }';
  const query = `mutation Canary${defs.length ? `(${defs.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
  const variables: Record<string, unknown> = { cvv: CANARY_CVV };
  for (const arg of field.args) variables[arg.name] = inputValue(arg.type, text);
  return { query, variables };
}

/** The same call with every value written inline in the document (GraphQL literals). */
export function inlineCall(field: GraphQLField<unknown, unknown>, text: string): { query: string } {
  const args = field.args.map((a) => {
    const ast = astFromValue(inputValue(a.type, text), a.type);
    return ast ? `${a.name}: ${print(ast)}` : '';
  }).filter(Boolean);
  const selection = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? '' : ' { __typename }';
  return { query: `mutation { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }` };
}

/** Does any String/ID leaf exist among the arguments (somewhere to write the card number)? */
export function hasTextArgument(field: GraphQLField<unknown, unknown>): boolean {
  return JSON.stringify(variablesCall(field, '\u0000MARK').variables).includes('\\u0000MARK');
}
