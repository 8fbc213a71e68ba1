/** The page: header with the run status, then controls | charts | samples. */
import { ChartsPanel } from './components/ChartsPanel';
import { ConfirmResetDialog } from './components/ConfirmResetDialog';
import { ControlPanel } from './components/ControlPanel';
import { ErrorMessages } from './components/ErrorMessages';
import { LessonPanel, LessonsMenu } from './components/LessonsMenu';
import { SamplesPanel } from './components/SamplesPanel';
import { StatusBar } from './components/StatusBar';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          <img src="/favicon.svg" alt="" width={22} height={22} /> GAN Playground
        </h1>
        <LessonsMenu />
        <StatusBar />
      </header>
      <ErrorMessages />
      <LessonPanel />
      <main className="app-main">
        <ControlPanel />
        <ChartsPanel />
        <SamplesPanel />
      </main>
      <ConfirmResetDialog />
    </div>
  );
}
