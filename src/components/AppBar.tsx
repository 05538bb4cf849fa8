import type { ReactNode } from 'react';
import { useLock } from '../state/lock.ts';
import { openSecurity } from '../state/security.ts';
import { useStudy } from '../state/study.ts';
import { useUi } from '../state/ui.ts';
import './AppBar.css';

export interface Crumb {
  label: string;
  onClick?: () => void;
}

/** The bar on every screen of an unlocked study: where you are, who is coding, settings and lock. */
export function AppBar({ crumbs, children }: { crumbs: Crumb[]; children?: ReactNode }) {
  const coder = useStudy((s) => s.coder);
  const pending = useStudy((s) => s.pending);
  const lock = useLock((s) => s.lock);
  const openSettings = useUi((s) => s.openSettings);
  const screen = useUi((s) => s.screen);
  return (
    <header className="appbar">
      <nav aria-label="Where you are" className="crumbs">
        <span className="brand-mark" aria-hidden="true">
          3RS
        </span>
        <ol>
          {crumbs.map((c, i) => (
            <li key={c.label} aria-current={i === crumbs.length - 1 ? 'page' : undefined}>
              {c.onClick ? (
                <button type="button" className="crumb" onClick={c.onClick}>
                  {c.label}
                </button>
              ) : (
                <span className="crumb">{c.label}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <div className="appbar-middle">{children}</div>
      <p className="who" title={coder ? `${coder.name} (${coder.role})` : undefined}>
        <span className="sr-only">Coding as </span>
        <span className="avatar">{coder?.code}</span> <span className="who-name">{coder?.name}</span>
        {coder?.role === 'lead' && <span className="badge">lead</span>}
      </p>
      <button type="button" className="quiet" onClick={openSecurity} aria-pressed={screen === 'security'} title="How this study is protected">
        Security
      </button>
      <button type="button" className="quiet" onClick={openSettings} aria-pressed={screen === 'settings'}>
        Settings
      </button>
      <button
        type="button"
        className="quiet"
        onClick={() => void lock('asked')}
        disabled={pending === 'lock'}
        title="Close the study and clear it from the screen"
      >
        Lock
      </button>
    </header>
  );
}
