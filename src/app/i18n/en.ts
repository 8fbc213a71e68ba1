/**
 * The English catalogue: the source of every message the translated parts of the page show.
 * Messages are ICU MessageFormat (`{count, plural, one {# step} other {# steps}}`); see docs/i18n.md.
 * Grouped by the part of the page, one group per component folder.
 */
export const en = {
  language: {
    label: 'Language',
  },
  notices: {
    badLang: 'URL parameter "lang" must be one of {languages}; got "{value}". Using your browser\'s language.',
  },
  /** The step metrics' names (keys of MetricKey, src/core/metrics/stepMetrics.ts). */
  metrics: {
    step: 'Step',
    epoch: 'Epoch',
    dLoss: 'D loss (adversarial)',
    gLoss: 'G loss (adversarial)',
    gL1: 'G L1 penalty',
    gL2: 'G L2 penalty',
    dL1: 'D L1 penalty',
    dL2: 'D L2 penalty',
    dReal: 'D(real)',
    dFake: 'D(fake)',
    gGradNorm: 'G gradient norm',
    dGradNorm: 'D gradient norm',
    r1: 'R1 penalty',
    gp: 'WGAN-GP penalty',
    noiseSigma: 'Instance noise σ',
    lrScale: 'Learning-rate factor',
    theta: 'Dirac-GAN θ (G)',
    psi: 'Dirac-GAN ψ (D)',
  },
  charts: {
    panelTitle: 'Training charts',
    empty: 'Press Start or Step to train: the curves appear here.',
    newestValues: '{title}: newest values',
    tableOfValues: 'Table of values',
    tableRegion: '{title}: table of values',
    tableCaption: '{title} per step',
    tooltipStep: 'Step {step}',
    baselineSeries: 'baseline {id}: {series}',
    qualitySummary: 'Quality over the run',
    overfittingSummary: 'D’s overfitting',
    weightsSummary: 'Weights of G and D',
    losses: {
      title: 'Losses',
      description:
        'The discriminator’s and the generator’s adversarial losses per step. They pull against each other: neither should fall to zero in a healthy run.',
    },
    penalties: {
      title: 'Weight penalties',
      description:
        'The L1 and L2 terms added to each network’s loss: the coefficient times the sum of absolute or squared weights. Zero while the slider is off.',
    },
    verdicts: {
      title: 'Discriminator’s verdicts, P(real)',
      description: 'Mean probability of “real” that D gives real examples and generated ones. Both near 0.5 means D cannot tell them apart.',
    },
    scores: {
      title: 'Discriminator’s scores',
      description:
        'Mean raw score D gives real and generated examples (this loss has no probabilities: higher means more real). The gap between the two lines is what D has learned to see.',
    },
    regularizers: {
      title: 'Gradient penalties',
      description:
        'The R1 term (γ/2 times D’s squared slope at real data), the WGAN-GP term (λ times the squared distance of D’s slope from 1 between real and fake) and the instance-noise σ now in force. Zero while they are off.',
    },
  },
  weights: {
    empty: 'Weight histograms appear about once a second while training.',
    runRegion: 'Run {run}: weights',
    step: 'step {step, number}',
    generator: 'Generator',
    discriminator: 'Discriminator',
    runNetwork: 'Run {run} {network}',
    nearZero: 'near zero',
    ofTotal: 'of {total, number}',
    histogram: '{name} weight histogram over ±{range}',
    tableCaption: '{name}: L2 norm and near-zero share (|w| < {threshold}) of each layer’s weights',
    layer: 'layer',
    sinceStart: '×start',
    sinceStartTitle: 'The L2 norm now, as a multiple of the run’s first reading',
    nearZeroTitle: 'Share of weights with |w| < {threshold}',
    layerTitle: '{layer}: {count, number} weights',
  },
  time: {
    justNow: 'just now',
    minutesAgo: '{n, plural, one {# minute ago} other {# minutes ago}}',
    hoursAgo: '{n, plural, one {# hour ago} other {# hours ago}}',
    daysAgo: '{n, plural, one {# day ago} other {# days ago}}',
  },
  runFiles: {
    group: 'Run files',
    save: 'Save run',
    saving: 'Saving…',
    saveTitle: 'Download this run (weights, optimizer state, history) as a .ganrun file to continue later; in a twin, both runs in one file',
    open: 'Open run…',
    opening: 'Opening…',
    openTitle: 'Open a .ganrun file (or drop one on the page): it replaces the current run',
    recent: 'Recent runs…',
    recentTitle: 'Runs autosaved in this browser',
    inputLabel: 'Run file to open',
    openedFile: 'Opened {name} at step {step, number}.',
    openedRecent: 'Opened the saved {dataset} run at step {step, number}.',
    thumbnail: 'Samples of the {dataset} run at step {step, number}',
  },
  recentRuns: {
    title: 'Recent runs',
    hint: 'Autosaved in this browser every 30 s of training, on Pause and when the page is hidden; the latest 5 are kept.',
    loading: 'Loading…',
    none: 'No saved runs yet.',
    list: 'Saved runs',
    details: 'step {step, number} · epoch {epoch, number} · saved {ago}',
    open: 'Open',
    openLabel: 'Open the {dataset} run at step {step, number}',
    delete: 'Delete',
    deleteLabel: 'Delete the {dataset} run at step {step, number}',
    close: 'Close',
  },
  resume: {
    region: 'Resume a saved run',
    saved: 'A run was saved in this browser.',
    resume: 'Resume the {dataset} run from step {step, number} (saved {ago})',
    fresh: 'Start fresh',
    storageGoesOn: '{note} Training goes on; Save run still downloads a file.',
    dismiss: 'Dismiss note',
  },
  lrDecay: {
    off: 'Decay off: the learning rates in force are the values above.',
    until: 'Learning rates in force: the values above until step {step, number}.',
    now: 'Learning rates in force now: ×{scale} the values above.',
  },
  /** Worker messages (src/worker/wording.ts): the worker sends the key and values, the page words them. */
  worker: {
    datasetFailed: 'Could not load dataset {id}: {detail}',
    badDrawing: 'Your drawing cannot be used: {detail}',
    readingFiles: 'Reading {n, plural, one {# file} other {# files}}…',
    decodedFiles: 'Decoded {done, number} of {total, number} files…',
    noFiles: 'No files were given.',
    noImages: 'None of the {n, number} files could be used as an image.',
    modelExportFailed: 'Model export failed: {detail}',
    timelapseFailed: 'Timelapse export failed: {detail}',
    estimatingBatchNorm: 'Estimating BatchNorm statistics from noise…',
    packingModel: 'Packing the model…',
    encodingFrames: 'Encoding {n, plural, one {# frame} other {# frames}}…',
    encodingFrame: 'Encoding frame {i, number} of {n, number}…',
    storageFull: 'The browser’s storage for this site is full, so runs are not autosaved.',
    storageRefused: 'This browser does not let the page store data (a private window?), so runs are not autosaved.',
    noIndexedDb: 'This browser has no IndexedDB here, so runs are not autosaved.',
    runGone: 'That saved run is no longer there (deleted in another tab?).',
    notAutosaved: 'Runs are not autosaved: {detail}',
    cannotOpen: '{name} cannot be opened: {detail} The current run is unchanged.',
    unknownDataset:
      '{name} trained on the dataset “{dataset}”, which this page does not have (your own drawings and images stay in the tab that made them). The current run is unchanged.',
  },
  exports: {
    starting: 'Starting…',
    sendingPictures: 'Sending the pictures…',
  },
} as const;

/** A catalogue: the same keys as English, each a message. */
export type Catalogue<T = typeof en> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
