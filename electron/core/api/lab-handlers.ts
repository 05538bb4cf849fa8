// Channels of the lab across workstations: for now, the identity of the person who uses the open study, whose
// card and fingerprint the app shows (with a QR code) for comparing in person.

import { hasIdentity, showIdentity } from '../lab/identity.ts';
import type { Implementations } from './implementation.ts';
import type { Session } from './session.ts';

export function labHandlers(session: Session): Implementations<'identity.show'> {
  return {
    'identity.show': () => {
      const { db } = session.study();
      return hasIdentity(db) ? showIdentity(db) : null;
    },
  };
}
