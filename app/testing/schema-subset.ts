import fs from 'node:fs';
import path from 'node:path';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
} from 'graphql';
import { codeRoot } from '../kernel/paths';

/**
 * A published schema (introspection JSON) to compare with: beside the project (`../shared/reference/<name>`), else where this
 * workplace keeps it for clones made elsewhere; '' when neither exists (the tests that need it are then skipped).
 */
export function referenceSchemaFile(name: string): string {
  return [path.resolve(codeRoot, '..', 'shared', 'reference', name), path.join('/work/shared/reference', name)].find((file) => fs.existsSync(file)) ?? '';
}

export interface SubsetOptions {
  /** The types to check (all of ours when absent). */
  names?: Iterable<string>;
  /** `Type` or `Type.field` entries that are ours on purpose, each documented where its module describes its GraphQL. */
  additions?: ReadonlySet<string>;
}

/**
 * Every way `ours` is not a subset of `reference`: a type or field the reference lacks, a different kind, field or argument type
 * (nullability included), default value or deprecation, an interface or union member it does not have, or an input field
 * it requires that ours lacks. An empty list means a client written against the reference can send us any query we answer.
 */
export function schemaSubsetProblems(ours: GraphQLSchema, reference: GraphQLSchema, options: SubsetOptions = {}): string[] {
  const additions = options.additions ?? new Set<string>();
  const problems: string[] = [];
  type Fields = Record<string, GraphQLField<unknown, unknown> | GraphQLInputField>;
  const fields = (name: string, mine: Fields, theirs: Fields) => {
    for (const [field, def] of Object.entries(mine)) {
      if (additions.has(`${name}.${field}`)) continue;
      const other = theirs[field];
      if (!other) {
        problems.push(`${name}.${field} is not in the reference`);
        continue;
      }
      if (String(def.type) !== String(other.type)) problems.push(`${name}.${field}: ${String(def.type)} here, ${String(other.type)} there`);
      if (Boolean(def.deprecationReason) !== Boolean(other.deprecationReason)) problems.push(`${name}.${field} is ${def.deprecationReason ? '' : 'not '}deprecated here`);
      if ('args' in def && 'args' in other) {
        for (const arg of def.args) {
          const ref = other.args.find((a) => a.name === arg.name);
          if (!ref) problems.push(`${name}.${field}(${arg.name}) is not in the reference`);
          else if (String(ref.type) !== String(arg.type) || JSON.stringify(ref.defaultValue) !== JSON.stringify(arg.defaultValue)) problems.push(`${name}.${field}(${arg.name}) differs`);
        }
      }
    }
  };
  for (const name of options.names ?? Object.keys(ours.getTypeMap())) {
    if (name.startsWith('__') || additions.has(name)) continue;
    const mine = ours.getType(name);
    const theirs = reference.getType(name);
    if (!mine) {
      problems.push(`type ${name} is not in our schema`);
      continue;
    }
    if (!theirs) {
      problems.push(`type ${name} is not in the reference`);
      continue;
    }
    if ((isObjectType(mine) || isInterfaceType(mine)) && (isObjectType(theirs) || isInterfaceType(theirs))) {
      if (isObjectType(mine) !== isObjectType(theirs)) problems.push(`${name} is ${isObjectType(mine) ? 'an object' : 'an interface'} here`);
      fields(name, mine.getFields(), theirs.getFields());
      for (const iface of mine.getInterfaces()) if (!theirs.getInterfaces().some((i) => i.name === iface.name)) problems.push(`${name} implements ${iface.name}, the reference does not`);
    } else if (isInputObjectType(mine) && isInputObjectType(theirs)) {
      fields(name, mine.getFields(), theirs.getFields());
      for (const [field, def] of Object.entries(theirs.getFields())) {
        if (String(def.type).endsWith('!') && def.defaultValue === undefined && !mine.getFields()[field]) problems.push(`${name}.${field} is required there and missing here`);
      }
    } else if (isEnumType(mine) && isEnumType(theirs)) {
      for (const value of mine.getValues()) if (!theirs.getValue(value.name)) problems.push(`${name}.${value.name} is not in the reference`);
    } else if (isUnionType(mine) && isUnionType(theirs)) {
      for (const member of mine.getTypes()) if (!theirs.getTypes().some((t) => t.name === member.name)) problems.push(`${name} | ${member.name} is not in the reference`);
    } else if (!(isScalarType(mine) && isScalarType(theirs))) {
      problems.push(`${name} is a ${mine.constructor.name} here, a ${theirs.constructor.name} there`);
    }
  }
  return problems;
}
