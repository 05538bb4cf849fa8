// The Security panel: opened from any screen (Back returns there), showing how the open study is protected as
// the core reports it, read fresh each time the panel opens or the lead asks again.

import { useQuery } from '@tanstack/react-query';
import type { ErrorValue, SecurityReport } from '../../electron/core/api/contract.ts';
import { askOptions } from './queries.ts';
import { useUi } from './ui.ts';

/** Shows the panel; Back returns to the screen it was opened from, as from Settings. */
export function openSecurity(): void {
  const { screen } = useUi.getState();
  if (screen !== 'security') useUi.setState({ previous: screen });
  useUi.getState().show('security');
}

export interface SecurityCheck {
  report: SecurityReport | null;
  loading: boolean;
  error: ErrorValue | null;
  /** Reads the report again (the count of stopped requests and the audit check change). */
  load(): void;
}

export function useSecurityReport(): SecurityCheck {
  // Always asked again when the panel opens: what it reports changes behind the page's back.
  const query = useQuery({ ...askOptions('app.security', {}), staleTime: 0, refetchOnMount: 'always' });
  return {
    report: query.data ?? null,
    loading: query.isFetching,
    error: query.error?.value ?? null,
    load: () => void query.refetch(),
  };
}
