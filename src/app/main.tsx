import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { StoreContext } from './storeContext';
import { KeepingContext } from './keepingContext';
import { startTraining } from './workerClient';
import { startLanguage } from './i18n/startLanguage';
import { registerServiceWorker } from './lib/serviceWorker';
import './styles.css';
import './components/share/share.css';
import './theme.css';
import './responsive.css';

startLanguage(window.location.search);

// Created once, outside React, so StrictMode's double effects cannot start two workers.
const { store, keeping } = startTraining(window.location.search);
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <KeepingContext.Provider value={keeping}>
        <App />
      </KeepingContext.Provider>
    </StoreContext.Provider>
  </StrictMode>,
);
