import type { ReactNode } from 'react';
import { useStudy } from '../state/study.ts';
import { useUi } from '../state/ui.ts';
import { AppBar } from './AppBar.tsx';

/** The study's file name, which names the study on screen; the folders it is in stay off the crumbs. */
function useStudyFileName(): string {
  return useStudy((s) => s.info?.path.split(/[\\/]/).pop() ?? 'Study');
}

/**
 * The app bar of a screen: the crumbs lead back home and, for a screen about a recording, to the
 * recording's page; `page` names the screen itself (none on the study home, which the study's name names).
 */
export function ScreenBar({ page, recording, children }: { page?: string; recording?: string; children?: ReactNode }) {
  const fileName = useStudyFileName();
  const goHome = useUi((s) => s.goHome);
  const openRecording = useUi((s) => s.openRecording);
  const crumbs =
    page === undefined
      ? [{ label: fileName }]
      : [
          { label: fileName, onClick: goHome },
          ...(recording ? [{ label: recording, onClick: () => openRecording(recording) }] : []),
          { label: page },
        ];
  return <AppBar crumbs={crumbs}>{children}</AppBar>;
}
