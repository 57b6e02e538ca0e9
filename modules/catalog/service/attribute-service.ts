import { inject, injectable } from 'inversify';
import { Kernel, type Database } from '../../../app';
import { AlreadyExistsError, InputError, NoSuchEntityError } from '../../../app';
import { StoreApi, type StoreRepository } from '../../store/api';
import type { AttributeEntityType, AttributeMetadata, AttributeOptionInput, AttributeRepository, AttributeSet, CreateAttributeInput } from '../api/attribute';
import { CatalogTable as T, DEFAULT_ATTRIBUTE_SET_ID } from '../api/catalog-tables';
import type { AttributeSnapshotCache } from '../model/attribute-snapshot-cache';
import { CatalogInternal } from '../model/catalog-internal-tokens';

const BACKEND: Record<CreateAttributeInput['input'], { backend: string; scope: 'store' | 'global' }> = {
  text: { backend: 'varchar', scope: 'store' },
  textarea: { backend: 'text', scope: 'store' },
  select: { backend: 'int', scope: 'global' },
  multiselect: { backend: 'varchar', scope: 'global' },
  boolean: { backend: 'int', scope: 'global' },
};

/** CatalogApi.AttributeRepository: reads from the shared snapshot; writes in a transaction, then drop the snapshot. */
@injectable()
export class AttributeService implements AttributeRepository {
  constructor(
    @inject(Kernel.Database) private readonly db: Database,
    @inject(StoreApi.StoreRepository) private readonly stores: StoreRepository,
    @inject(CatalogInternal.AttributeCache) private readonly cache: AttributeSnapshotCache,
  ) {}

  async list(entityType: AttributeEntityType = 'catalog_product'): Promise<AttributeMetadata[]> {
    return (await this.cache.current()).list(entityType);
  }

  async get(code: string, entityType: AttributeEntityType = 'catalog_product'): Promise<AttributeMetadata | undefined> {
    return (await this.cache.current()).get(code, entityType);
  }

  async listSets(): Promise<AttributeSet[]> {
    return (await this.cache.current()).sets;
  }

  async getSet(idOrName: number | string): Promise<AttributeSet | undefined> {
    return (await this.cache.current()).set(idOrName);
  }

  async create(input: CreateAttributeInput): Promise<AttributeMetadata> {
    if (!/^[a-z][a-z0-9_]{0,59}$/.test(input.code ?? '')) throw new InputError(`"${input.code}" is not a valid attribute code: lower-case letters, digits and underscores, starting with a letter.`);
    if (!BACKEND[input.input]) throw new InputError(`"${input.input}" is not a supported input type (${Object.keys(BACKEND).join(', ')}).`);
    if (typeof input.label !== 'string' || !input.label.trim()) throw new InputError('An attribute needs a label.');
    return this.write(async () => {
      const snapshot = await this.cache.current();
      if (snapshot.get(input.code)) throw new AlreadyExistsError(`An attribute with the code "${input.code}" already exists.`);
      const sets = (input.attributeSets ?? ['Default']).map((name) => {
        const set = snapshot.set(name);
        if (!set) throw new NoSuchEntityError(`Attribute set "${name}" does not exist.`);
        return set;
      });
      const { backend, scope } = BACKEND[input.input];
      const conn = this.db.conn();
      const [raw] = await conn(T.attribute).insert({
        entity_type: 'catalog_product',
        attribute_code: input.code,
        frontend_label: input.label.trim(),
        frontend_input: input.input,
        backend_type: backend,
        scope,
        is_required: !!input.isRequired,
        is_filterable: !!input.isFilterable,
        is_searchable: !!input.isSearchable,
        is_user_defined: true,
        used_for_sort_by: false,
        position: input.position ?? 100,
      });
      const id = Number(raw);
      for (const [storeId, value] of await this.storeLabels(input.storeLabels)) await conn(T.attributeLabel).insert({ attribute_id: id, store_id: storeId, value });
      for (const set of sets) await conn(T.entityAttribute).insert({ attribute_set_id: set.id, attribute_id: id, sort_order: 100 });
      if (input.options?.length) {
        if (input.input !== 'select' && input.input !== 'multiselect') throw new InputError('Only select and multiselect attributes have options.');
        await this.insertOptions(id, [], input.options);
      }
      return input.code;
    });
  }

  async addOptions(code: string, options: AttributeOptionInput[]): Promise<AttributeMetadata> {
    return this.write(async () => {
      const attribute = (await this.cache.current()).get(code);
      if (!attribute) throw new NoSuchEntityError(`The attribute "${code}" does not exist.`);
      if (attribute.input !== 'select' && attribute.input !== 'multiselect') throw new InputError(`The attribute "${code}" has no options.`);
      await this.insertOptions(attribute.id, attribute.options.map((o) => o.label.toLowerCase()), options);
      return code;
    });
  }

  async createSet(name: string, attributeCodes: string[]): Promise<AttributeSet> {
    if (typeof name !== 'string' || !name.trim() || name.length > 255) throw new InputError('An attribute set needs a name of at most 255 characters.');
    await this.write(async () => {
      const snapshot = await this.cache.current();
      if (snapshot.set(name.trim())) throw new AlreadyExistsError(`An attribute set named "${name.trim()}" already exists.`);
      const system = snapshot.set(DEFAULT_ATTRIBUTE_SET_ID)!.attributeCodes.filter((code) => !snapshot.get(code)!.isUserDefined);
      const codes = [...new Set([...system, ...attributeCodes])];
      const ids = codes.map((code) => {
        const attribute = snapshot.get(code);
        if (!attribute) throw new NoSuchEntityError(`The attribute "${code}" does not exist.`);
        return attribute.id;
      });
      const conn = this.db.conn();
      const [raw] = await conn(T.attributeSet).insert({ attribute_set_name: name.trim(), sort_order: 0 });
      await conn(T.entityAttribute).insert(ids.map((attributeId, i) => ({ attribute_set_id: Number(raw), attribute_id: attributeId, sort_order: i })));
      return codes[0];
    });
    return (await this.getSet(name.trim()))!;
  }

  private async insertOptions(attributeId: number, existingLabels: string[], options: AttributeOptionInput[]): Promise<void> {
    const conn = this.db.conn();
    const seen = new Set(existingLabels);
    for (const [index, option] of options.entries()) {
      const label = typeof option.label === 'string' ? option.label.trim() : '';
      if (!label || label.length > 255) throw new InputError(`Option ${index + 1} needs a label of at most 255 characters.`);
      if (seen.has(label.toLowerCase())) throw new AlreadyExistsError(`The option "${label}" already exists.`);
      seen.add(label.toLowerCase());
      const [raw] = await conn(T.attributeOption).insert({ attribute_id: attributeId, sort_order: option.sortOrder ?? index });
      await conn(T.attributeOptionValue).insert({ option_id: Number(raw), store_id: 0, value: label });
      for (const [storeId, value] of await this.storeLabels(option.storeLabels)) await conn(T.attributeOptionValue).insert({ option_id: Number(raw), store_id: storeId, value });
    }
  }

  private async storeLabels(labels: Record<string, string> | undefined): Promise<Array<[number, string]>> {
    const out: Array<[number, string]> = [];
    for (const [code, value] of Object.entries(labels ?? {})) {
      const view = await this.stores.getStoreView(code);
      if (!view || view.id === 0) throw new NoSuchEntityError(`Store view "${code}" does not exist.`);
      if (typeof value !== 'string' || !value.trim() || value.length > 255) throw new InputError(`The "${code}" label must be text of at most 255 characters.`);
      out.push([view.id, value.trim()]);
    }
    return out;
  }

  private async write(work: () => Promise<string>): Promise<AttributeMetadata> {
    const code = await this.db.transaction(async () => {
      this.cache.changing();
      const result = await work();
      this.db.afterCommit(() => this.cache.reset());
      return result;
    }).finally(() => this.cache.reset());
    return (await this.get(code))!;
  }
}
