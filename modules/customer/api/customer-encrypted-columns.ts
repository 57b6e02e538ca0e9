import { ENCRYPTED_ADDRESS_COLUMNS, ENCRYPTED_CUSTOMER_COLUMNS } from '../model/customer-rows';
import { CustomerTable } from './customer-entities';

/**
 * The columns this module stores encrypted (PiiCipher), for key rotation: each was encrypted with `table.column` as
 * associated data; rows are addressed by `entity_id`.
 */
export const CustomerEncryptedColumns: ReadonlyArray<{ table: string; key: string; columns: readonly string[] }> = [
  { table: CustomerTable.entity, key: 'entity_id', columns: ENCRYPTED_CUSTOMER_COLUMNS },
  { table: CustomerTable.address, key: 'entity_id', columns: ENCRYPTED_ADDRESS_COLUMNS },
];
