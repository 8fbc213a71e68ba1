/** The page: header with the run status, then controls | charts | samples. */
import { ChartsPanel } from './components/charts/ChartsPanel';
import { ConfirmResetDialog } from './components/run/ConfirmResetDialog';
import { ControlPanel } from './components/run/ControlPanel';
import { ErrorMessages } from './components/run/ErrorMessages';
import { LessonPanel, LessonsMenu } from './components/lessons/LessonsMenu';
import { RecentRunsDialog } from './components/runfiles/RecentRunsDialog';
import { ResumeOffer } from './components/runfiles/ResumeOffer';
import { RunFileDrop } from './components/runfiles/RunFileDrop';
import { SamplesPanel } from './components/samples/SamplesPanel';
import { StatusBar } from './components/run/StatusBar';
import { ShareControls } from './components/share/ShareControls';
import { LanguagePicker } from './components/language/LanguagePicker';
import { Welcome } from './components/welcome/Welcome';
import { useHidden, useView } from './viewStore';
import { useTranslation } from 'react-i18next';
import { EmbedApp } from './components/embed/EmbedApp';
import { UpdateNotice } from './components/offline/UpdateNotice';

export function App() {
  const { t } = useTranslation();
  const noLessons = useHidden('lessons');
  const embed = useView((s) => s.embed);
  if (embed) return <EmbedApp />;
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          <img src="/favicon.svg" alt="" width={22} height={22} /> {t('app.title')}
        </h1>
        {!noLessons && <LessonsMenu />}
        <StatusBar />
        <ShareControls />
        <LanguagePicker />
      </header>
      <ErrorMessages />
      <UpdateNotice />
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
      <Welcome />
    </div>
  );
}
