import type { ObserverDeclaration } from '../../../app';
import '../../../app/crypto/key-rotation';
import { CustomerEncryptedColumns } from '../../customer/api';
import { TfaEncryptedColumns } from '../../two-factor-auth/api';

/** Key rotation (encryption:key:change, lockdown): the customer module's personal data and the 2FA secrets get re-encrypted too. */
export const encryptedColumnsObserver: ObserverDeclaration<'encryption_key_rotate'> = {
  event: 'encryption_key_rotate',
  name: 'incident_response_list_encrypted_columns',
  handler: (e) => {
    for (const group of CustomerEncryptedColumns) {
      for (const column of group.columns) e.targets.push({ table: group.table, key: group.key, column, aad: () => `${group.table}.${column}` });
    }
    for (const t of TfaEncryptedColumns) e.targets.push({ table: t.table, key: t.key, column: t.column, aad: t.aad });
  },
};
