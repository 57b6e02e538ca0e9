import { createToken } from '../../../app';
import type { Lockdown } from './lockdown';

export const IncidentResponseApi = {
  Lockdown: createToken<Lockdown>('Comptoir_IncidentResponse.Lockdown'),
} as const;
