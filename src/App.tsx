import { StudyHome } from './screens/StudyHome.tsx';
import { UnlockScreen } from './screens/UnlockScreen.tsx';
import { useStudy } from './state/study.ts';

export function App() {
  const ready = useStudy((s) => s.status === 'unlocked' && s.coder !== null);
  return ready ? <StudyHome /> : <UnlockScreen />;
}
