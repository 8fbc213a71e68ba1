/** The page: header with the run status, then controls | charts | samples. */
import { ChartsPanel } from './components/ChartsPanel';
import { ConfirmResetDialog } from './components/ConfirmResetDialog';
import { ControlPanel } from './components/ControlPanel';
import { ErrorMessages } from './components/ErrorMessages';
import { LessonPanel, LessonsMenu } from './components/LessonsMenu';
import { RecentRunsDialog } from './components/RecentRunsDialog';
import { ResumeOffer } from './components/ResumeOffer';
import { RunFileDrop } from './components/RunFileDrop';
import { SamplesPanel } from './components/SamplesPanel';
import { StatusBar } from './components/StatusBar';
import { ShareControls } from './share/ShareControls';
import { useHidden } from './viewStore';

export function App() {
  const noLessons = useHidden('lessons');
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          <img src="/favicon.svg" alt="" width={22} height={22} /> GAN Playground
        </h1>
        {!noLessons && <LessonsMenu />}
        <StatusBar />
        <ShareControls />
      </header>
      <ErrorMessages />
      <ResumeOffer />
      <LessonPanel />
      <main className="app-main">
        <ControlPanel />
        <ChartsPanel />
        <SamplesPanel />
      </main>
      <RecentRunsDialog />
      <RunFileDrop />
      <ConfirmResetDialog />
    </div>
  );
}
