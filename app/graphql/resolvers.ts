import type { GraphQLFieldResolver, GraphQLIsTypeOfFn, GraphQLScalarType, GraphQLTypeResolver } from 'graphql';
import type { GraphQLContext } from './context';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type FieldResolver = GraphQLFieldResolver<any, GraphQLContext, any>;

/** Resolvers by type then field, as modules declare them next to their SDL. Interfaces/unions take `__resolveType`. */
export interface ResolverMap {
  [typeName: string]:
    | GraphQLScalarType
    | ({ __resolveType?: GraphQLTypeResolver<any, GraphQLContext>; __isTypeOf?: GraphQLIsTypeOfFn<any, GraphQLContext> } & {
        [field: string]: FieldResolver | { resolve: FieldResolver } | GraphQLTypeResolver<any, GraphQLContext> | GraphQLIsTypeOfFn<any, GraphQLContext> | undefined;
      });
}
/* eslint-enable @typescript-eslint/no-explicit-any */
