import { KernelError } from '../../app/kernel/errors';

/** The spellings of one module name that the generated files need. */
export interface ModuleNames {
  /** Acme_Hello */
  module: string;
  /** acme-hello: the folder */
  folder: string;
  /** acme_hello: table, config section and event prefix */
  snake: string;
  /** acmeHello: GraphQL field prefix */
  camel: string;
  /** AcmeHello: type prefix */
  pascal: string;
}

export function moduleNames(name: string): ModuleNames {
  const match = /^([A-Z][A-Za-z0-9]*)_([A-Z][A-Za-z0-9]*)$/.exec(name);
  if (!match) throw new KernelError(`Invalid module name "${name}": use Vendor_Module, e.g. Acme_Loyalty`, 'CLI_INVALID');
  const words = [match[1], match[2]].flatMap((part) => part.split(/(?<=[a-z0-9])(?=[A-Z])/)).map((w) => w.toLowerCase());
  const pascal = match[1] + match[2];
  return {
    module: name,
    folder: words.join('-'),
    snake: words.join('_'),
    camel: pascal[0].toLowerCase() + pascal.slice(1),
    pascal,
  };
}
