import type { TestApp } from '../../../app/testing/test-app';
import { StoreApi } from '../../store/api';
import { CatalogApi, CatalogConfigPath } from '../api';
import { createCatalogTestApp } from './catalog-test-app';

describe('catalog context (a store view\'s currency, URLs, suffixes, root category)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createCatalogTestApp();
  });
  afterAll(() => app?.close());

  it('serves transactions that declared no change the process\'s copy, and builds its own for one that changed config', async () => {
    const contexts = app.get(CatalogApi.Context);
    const settings = app.get(StoreApi.StoreSettingsReader);
    const outside = await contexts.forStore(1);
    expect(outside).toMatchObject({ storeId: 1, storeCode: 'default', productUrlSuffix: '.html' });
    const builds = jest.spyOn(settings, 'forStoreView');
    try {
      // A checkout's transaction (it changes carts, not store views or config): the copy, nothing read again.
      const inPlainTransaction = await app.db.transaction(() => contexts.forStore(1));
      expect(inPlainTransaction).toEqual(outside);
      expect(builds).not.toHaveBeenCalled();
      // A transaction that changed config sees its own change; the others and the copy never see it before it commits.
      await expect(
        app.db.transaction(async () => {
          await app.config.set(CatalogConfigPath.ProductUrlSuffix, '.htm');
          expect((await contexts.forStore(1)).productUrlSuffix).toBe('.htm');
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(builds).toHaveBeenCalledTimes(1);
      expect((await contexts.forStore(1)).productUrlSuffix).toBe('.html');
      // Committed, the change shows at once outside.
      await app.db.transaction(() => app.config.set(CatalogConfigPath.ProductUrlSuffix, '.htm'));
      expect((await contexts.forStore(1)).productUrlSuffix).toBe('.htm');
    } finally {
      builds.mockRestore();
      await app.config.delete(CatalogConfigPath.ProductUrlSuffix);
    }
  });
});
