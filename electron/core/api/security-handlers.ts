// Channels about the app's protection of the study: what encrypts it, whether its audit trail holds, how
// many outgoing requests were stopped, and whether a study is open at all (a lock the renderer did not start is
// pushed to it as session.locked; it asks this once when its window is shown again, in case a push was missed).

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { verifyAuditChain, type ChainCheck } from '../audit/audit-log.ts';
import { auditPage } from '../audit/audit-page.ts';
import { findMediaKey } from '../media/media-key.ts';
import { mediaStoreExists } from '../media/store.ts';
import { auditReader } from './authorization.ts';
import type { Implementations } from './implementation.ts';
import type { Session } from './session.ts';

/** How the open study file is encrypted, as its connection reports it (not as the code intends it). */
export interface StudyEncryption {
  /** e.g. "SQLCipher 4". */
  format: string;
  cipher: string;
  /** Per-page authentication, e.g. "HMAC-SHA512"; "none" when pages are not authenticated. */
  hmac: string;
  /** How the key is made from the passphrase, e.g. "PBKDF2-HMAC-SHA512". */
  kdf: string;
  kdfIterations: number;
  pageSize: number;
}

export interface MediaEncryption {
  cipher: string;
  /** Where its key lives. */
  key: string;
  /** Whether the companion media file exists yet (it is made by the first prepared recording). */
  present: boolean;
}

export interface SecurityReport {
  study: StudyEncryption;
  media: MediaEncryption;
  /** Requests to leave the app (network, files, other schemes) stopped since the app started. */
  blockedRequests: number;
  /** The audit log's hash chain, checked from its first entry. */
  audit: ChainCheck;
}

/** Why a study locked, for the unlock screen: idle time, the computer locking or sleeping, or the coder (or a window closing) asked. */
export const LOCK_REASONS = ['idle', 'system', 'asked'] as const;
export type LockReason = (typeof LOCK_REASONS)[number];

/**
 * The idle minutes a coder may choose before the study locks itself: the main process clamps the page's word to it.
 * The page's settings offer the same range (src/state/prefs.ts, which may not load core code).
 */
export const IDLE_MINUTES_RANGE = { min: 1, max: 240 } as const;

export interface SessionState {
  /** False once the study was closed: by the renderer, the window closing, or a screen lock or sleep. */
  open: boolean;
}

// SQLite3 Multiple Ciphers' numbering of the SQLCipher scheme's hash algorithms.
const SQLCIPHER_HASHES: Record<string, string> = { '0': 'SHA1', '1': 'SHA256', '2': 'SHA512' };

const setting = (db: Database, name: string): string => String(db.pragma(name, { simple: true }));

export function studyEncryption(db: Database): StudyEncryption {
  const hash = (name: string): string => SQLCIPHER_HASHES[setting(db, name)] ?? `unknown (${setting(db, name)})`;
  const scheme = setting(db, 'cipher');
  return {
    format: scheme === 'sqlcipher' ? `SQLCipher ${setting(db, 'legacy')}` : scheme,
    // The SQLCipher scheme has one cipher; the others name their own.
    cipher: scheme === 'sqlcipher' ? 'AES-256-CBC' : scheme,
    hmac: setting(db, 'hmac_use') === '1' ? `HMAC-${hash('hmac_algorithm')}` : 'none',
    kdf: `PBKDF2-HMAC-${hash('kdf_algorithm')}`,
    kdfIterations: Number(setting(db, 'kdf_iter')),
    pageSize: Number(setting(db, 'page_size')),
  };
}

export interface SecurityOptions {
  /** The main process's count of stopped requests; the browser harness stops none itself. */
  blockedRequests: () => number;
  /** Told of the page's activity (the main process's idle deadline); hosts without one ignore it. */
  onActivity?: (report: { idleMinutes: number }) => void;
}

type SecurityChannels = 'app.security' | 'security.audit' | 'session.state' | 'session.activity';

export function securityHandlers(session: Session, options: SecurityOptions): Implementations<SecurityChannels> {
  return {
    'app.security': () => {
      const study = session.study();
      return {
        study: studyEncryption(study.db),
        // See media/store.ts: a random key, so no KDF; kept in the study's secrets table.
        media: {
          cipher: 'AEGIS-256',
          key: 'random 256-bit key kept inside the encrypted study',
          present: mediaStoreExists(study) && findMediaKey(study.db) !== null,
        },
        blockedRequests: options.blockedRequests(),
        audit: verifyAuditChain(study.db),
      };
    },
    'security.audit': (query) => auditPage(session.study().db, query, auditReader(session.coder())),
    'session.state': () => ({ open: session.isOpen() }),
    'session.activity': ({ idleMinutes }) => {
      options.onActivity?.({ idleMinutes });
      return null;
    },
  };
}
