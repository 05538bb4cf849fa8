import type { ReactNode } from 'react';
import { ScreenBar } from './ScreenBar.tsx';
import './ScreenLayout.css';

/** The way back from a screen; the button reads "← Back" unless it names where it goes. */
export interface BackAction {
  label?: string;
  onClick: () => void;
}

interface ScreenLayoutProps {
  /** The screen's name, the last of the crumbs; none for the study home. */
  page?: string;
  /** For a screen about one recording: the crumbs lead back through its page. */
  recording?: string;
  /** What the bar says about the screen's state (working…, counts, the clock). */
  status?: ReactNode;
  /** Buttons at the bar's right, before the way back. */
  actions?: ReactNode;
  back?: BackAction;
  /** An extra class on the whole screen. */
  className?: string;
  /** The class of the screen's main element: a centred page unless the screen lays itself out. */
  main?: string;
  busy?: boolean;
  children?: ReactNode;
}

/** Every screen of an open study: the app bar with its crumbs, state and actions, then the screen's own content. */
export function ScreenLayout({ page, recording, status, actions, back, className, main = 'page', busy, children }: ScreenLayoutProps) {
  return (
    <div className={className ? `screen ${className}` : 'screen'}>
      <ScreenBar page={page} recording={recording}>
        {status}
        {(actions || back) && (
          <span className="appbar-actions">
            {actions}
            {back && (
              <button type="button" onClick={back.onClick}>
                {`← ${back.label ?? 'Back'}`}
              </button>
            )}
          </span>
        )}
      </ScreenBar>
      <main className={main} aria-busy={busy}>
        {children}
      </main>
    </div>
  );
}

interface PageHeadProps {
  /** The heading's id, which names the section. */
  id: string;
  title: ReactNode;
  titleClassName?: string;
  /** Short facts under the title, one span each. */
  facts?: ReactNode;
  /** Controls at the head's right. */
  children?: ReactNode;
}

/** A page's head: its title with a line of facts beneath, and the page's own controls beside it. */
export function PageHead({ id, title, titleClassName, facts, children }: PageHeadProps) {
  return (
    <section className="recording-head" aria-labelledby={id}>
      <div>
        <h1 id={id} className={titleClassName}>
          {title}
        </h1>
        {facts && <p className="facts-line">{facts}</p>}
      </div>
      {children}
    </section>
  );
}
