import type { Application } from '../../app/kernel/application';
import { CustomerApi, type CustomerAddressInput, type CreateCustomerInput } from '../../modules/customer/api';

interface SampleCustomer {
  account: CreateCustomerInput;
  addresses: CustomerAddressInput[];
}

/**
 * Two sample customers of the default store view, with addresses (US with a region, France without). They get no password,
 * so nothing secret exists to print or to leak: to sign in as one, request a password reset (requestPasswordResetEmail) and
 * follow the link the file transport writes under var/mail/.
 */
export const SAMPLE_CUSTOMERS: SampleCustomer[] = [
  {
    account: { email: 'roni_cost@example.com', firstname: 'Veronica', lastname: 'Costello', dob: '1973-12-15', gender: 2 },
    addresses: [
      {
        firstname: 'Veronica',
        lastname: 'Costello',
        street: ['6146 Honey Bluff Parkway'],
        city: 'Calder',
        countryId: 'US',
        region: { regionCode: 'MI' },
        postcode: '49628-7978',
        telephone: '(555) 229-3326',
        defaultBilling: true,
        defaultShipping: true,
      },
    ],
  },
  {
    account: { email: 'lucie.bernard@example.com', firstname: 'Lucie', lastname: 'Bernard', gender: 2 },
    addresses: [
      {
        firstname: 'Lucie',
        lastname: 'Bernard',
        street: ['12 rue des Lilas', 'Bâtiment B'],
        city: 'Lyon',
        countryId: 'FR',
        postcode: '69003',
        telephone: '+33 4 72 00 00 00',
        defaultBilling: true,
        defaultShipping: true,
      },
    ],
  },
];

/** Idempotent: a sample customer that already exists (by email, in the default website) is left as it is. */
export async function installSampleCustomers(app: Application): Promise<void> {
  const accounts = app.get(CustomerApi.AccountManagement);
  const addresses = app.get(CustomerApi.AddressManagement);
  for (const sample of SAMPLE_CUSTOMERS) {
    if (await accounts.emailExists(sample.account.email, 1)) continue;
    const customer = await accounts.createAccount(sample.account, { storeId: 1, source: 'sample_data' });
    for (const address of sample.addresses) await addresses.create(customer.id, address, 'default');
  }
}
