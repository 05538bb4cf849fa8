import { QueryClientProvider } from '@tanstack/react-query';
import { LockCountdown } from './components/LockCountdown.tsx';
import { useIdleLock } from './hooks/useIdleLock.ts';
import { useLockWatch } from './hooks/useLockWatch.ts';
import { CodingScreen } from './screens/CodingScreen.tsx';
import { CompareScreen } from './screens/CompareScreen.tsx';
import { ExportScreen } from './screens/ExportScreen.tsx';
import { LabScreen } from './screens/LabScreen.tsx';
import { RatingsScreen } from './screens/RatingsScreen.tsx';
import { RecordingScreen } from './screens/RecordingScreen.tsx';
import { ReliabilityScreen } from './screens/ReliabilityScreen.tsx';
import { SecurityScreen } from './screens/SecurityScreen.tsx';
import { SettingsScreen } from './screens/SettingsScreen.tsx';
import { StudyHome } from './screens/StudyHome.tsx';
import { TrainingScreen } from './screens/TrainingScreen.tsx';
import { UnlockScreen } from './screens/UnlockScreen.tsx';
import { queryClient } from './state/queries.ts';
import { useStudy } from './state/study.ts';
import { useUi, type Screen } from './state/ui.ts';

const SCREENS: Record<Screen, () => React.JSX.Element | null> = {
  home: StudyHome,
  recording: RecordingScreen,
  coding: CodingScreen,
  ratings: RatingsScreen,
  settings: SettingsScreen,
  reliability: ReliabilityScreen,
  compare: CompareScreen,
  training: TrainingScreen,
  export: ExportScreen,
  security: SecurityScreen,
  lab: LabScreen,
};

export function App() {
  const ready = useStudy((s) => s.status === 'unlocked' && s.coder !== null);
  const screen = useUi((s) => s.screen);
  // An unlocked study locks when left alone, also while nobody has chosen who codes yet.
  const unlocked = useStudy((s) => s.status === 'unlocked');
  const lockIn = useIdleLock(unlocked);
  useLockWatch(unlocked);
  const Current = ready ? SCREENS[screen] : UnlockScreen;
  return (
    <QueryClientProvider client={queryClient}>
      <Current />
      {lockIn !== null && <LockCountdown seconds={lockIn} />}
    </QueryClientProvider>
  );
}
