import type { Application } from '../../app/kernel/application';
import { installSampleCustomers } from './customer';
import { installSampleCatalog } from './catalog';
import { installSampleStores } from './store';

export type Progress = (label: string, done: number, total: number) => void;

/** The sample store `npm start` installs: each part runs only when its module is enabled, and every part is idempotent. */
export async function installSampleData(app: Application, progress: Progress): Promise<void> {
  const parts: Array<{ module: string; label: string; run: () => Promise<void> }> = [
    { module: 'Comptoir_Store', label: 'store views (default en_US, fr fr_FR)', run: () => installSampleStores(app) },
    { module: 'Comptoir_Catalog', label: 'catalog (categories, ~200 products, French values)', run: () => installSampleCatalog(app) },
    { module: 'Comptoir_Customer', label: 'customers (2, with addresses, no passwords)', run: () => installSampleCustomers(app) },
  ];
  const wanted = parts.filter((p) => app.hasModule(p.module));
  let done = 0;
  for (const part of wanted) {
    progress(`Sample data: ${part.label}`, done, wanted.length);
    await part.run();
    progress(`Sample data: ${part.label}`, ++done, wanted.length);
  }
}
