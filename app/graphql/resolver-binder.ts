import {
  GraphQLScalarType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import type { ServiceLocator } from '../di/service-locator';
import { KernelError } from '../kernel/errors';
import type { LoadedModule } from '../module/manifest';
import type { ResolverMap } from './resolvers';

type TypeResolvers = ResolverMap[string];

/**
 * Attaches each enabled module's resolvers to the assembled schema, in load order: a later module may replace a field's
 * resolver (as a later Magento module redeclares a field's @resolver). Anything that would silently never run is refused.
 */
export function bindResolvers(schema: GraphQLSchema, modules: LoadedModule[], locator: ServiceLocator): void {
  for (const mod of modules) {
    const declared = mod.manifest.graphql?.resolvers;
    if (!declared) continue;
    let map: ResolverMap;
    try {
      map = typeof declared === 'function' ? declared(locator) : declared;
    } catch (err) {
      throw new KernelError(`Module ${mod.manifest.name} failed to create its GraphQL resolvers: ${(err as Error).message}`, 'GRAPHQL_RESOLVER_INVALID');
    }
    for (const [typeName, resolvers] of Object.entries(map ?? {})) {
      bindType(schema, mod.manifest.name, typeName, resolvers);
    }
  }
}

function bindType(schema: GraphQLSchema, moduleName: string, typeName: string, resolvers: TypeResolvers): void {
  const fail = (why: string) => new KernelError(`Module ${moduleName} declares GraphQL resolvers for ${why}`, 'GRAPHQL_RESOLVER_INVALID');
  const type: GraphQLNamedType | undefined = schema.getType(typeName);
  if (!type) throw fail(`type "${typeName}", which no enabled module's schema defines`);
  if (isIntrospectionType(type) || (isScalarType(type) && isSpecifiedScalarType(type))) throw fail(`the built-in type "${typeName}", which cannot be changed`);
  if (!resolvers) return;

  if (isScalarType(type)) {
    if (!(resolvers instanceof GraphQLScalarType)) throw fail(`scalar "${typeName}": it must be a GraphQLScalarType`);
    // The SDL keeps the name and description; the module supplies the coercion.
    type.serialize = resolvers.serialize;
    type.parseValue = resolvers.parseValue;
    type.parseLiteral = resolvers.parseLiteral;
    return;
  }
  if (resolvers instanceof GraphQLScalarType) throw fail(`"${typeName}" as a scalar, but the schema declares it as ${kindOf(type)}`);

  for (const [key, value] of Object.entries(resolvers)) {
    if (value === undefined) continue;
    if (typeof value !== 'function' && !(typeof value === 'object' && value && typeof (value as { resolve?: unknown }).resolve === 'function')) {
      throw fail(`"${typeName}.${key}": expected a function or { resolve }`);
    }
    if (isObjectType(type)) {
      if (key === '__isTypeOf') {
        type.isTypeOf = value as typeof type.isTypeOf;
      } else if (key === '__resolveType') {
        throw fail(`"${typeName}.__resolveType", but ${typeName} is an object type: __resolveType belongs on interfaces and unions`);
      } else {
        const field = type.getFields()[key];
        if (!field) throw fail(`field "${typeName}.${key}", which the schema does not define`);
        field.resolve = (typeof value === 'function' ? value : (value as { resolve: unknown }).resolve) as GraphQLFieldResolver<unknown, unknown>;
      }
    } else if (isInterfaceType(type) || isUnionType(type)) {
      if (key !== '__resolveType') {
        throw fail(`"${typeName}.${key}", but ${typeName} is ${kindOf(type)}: only __resolveType is used there; put field resolvers on the object types`);
      }
      type.resolveType = value as typeof type.resolveType;
    } else {
      throw fail(`"${typeName}", which is ${kindOf(type)} and takes no resolvers`);
    }
  }
}

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'an object type';
  if (isInterfaceType(type)) return 'an interface';
  if (isUnionType(type)) return 'a union';
  if (isEnumType(type)) return 'an enum';
  if (isInputObjectType(type)) return 'an input type';
  return 'a scalar';
}
