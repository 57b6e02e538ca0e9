import request from 'supertest';
import { createHttpApp } from '../../../app/http/http-app';
import { Kernel } from '../../../app/kernel/tokens';
import type { AdminAuthorizer } from '../../../app/http/admin-authorizer';
import type { TestApp } from '../../../app/testing/test-app';
import { installSampleStores } from '../../../setup/sample-data/store';
import { createStoreTestApp } from './store-test-app';

/** Stands in for the admin security module: lets every admin call through, as an authorized admin would be. */
const allowAll: AdminAuthorizer = { authorize: async () => ({ allowed: true, principal: { type: 'admin', id: 1 } }) };

describe('Store REST API (/rest/V1/store/...)', () => {
  let locked: TestApp;
  let open: TestApp;

  beforeAll(async () => {
    locked = await createStoreTestApp();
    open = await createStoreTestApp({ overrides: (bind) => void bind(Kernel.AdminAuthorizer).toConstantValue(allowAll) });
    await installSampleStores(open);
  });
  afterAll(async () => {
    await locked?.close();
    await open?.close();
  });

  it('API-02 denies every store route to a caller without an admin token (deny by default)', async () => {
    for (const path of ['websites', 'storeGroups', 'storeViews', 'storeConfigs']) {
      const res = await request(createHttpApp(locked)).get(`/rest/V1/store/${path}`);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: "The consumer isn't authorized to access Magento_Backend::store." });
    }
  });

  it('answers an authorized admin with Magento payload shapes', async () => {
    const web = createHttpApp(open);
    const views = await request(web).get('/rest/V1/store/storeViews');
    expect(views.status).toBe(200);
    expect(views.body).toEqual([
      { id: 0, code: 'admin', name: 'Admin', website_id: 0, store_group_id: 0, is_active: 1 },
      { id: 1, code: 'default', name: 'Default Store View', website_id: 1, store_group_id: 1, is_active: 1 },
      expect.objectContaining({ code: 'fr', website_id: 1, store_group_id: 1, is_active: 1 }),
    ]);
    expect((await request(web).get('/rest/V1/store/websites')).body).toEqual([
      { id: 0, code: 'admin', name: 'Admin', default_group_id: 0 },
      { id: 1, code: 'base', name: 'Main Website', default_group_id: 1 },
    ]);
    const configs = await request(web).get('/rest/V1/store/storeConfigs?storeCodes[]=fr');
    expect(configs.body).toEqual([expect.objectContaining({ code: 'fr', locale: 'fr_FR', timezone: 'Europe/Paris', default_display_currency_code: 'EUR' })]);
  });
});
