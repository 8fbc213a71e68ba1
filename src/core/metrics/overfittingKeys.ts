/**
 * The keys and labels of D's overfitting measure in a run's quality history (TF-free: the UI's
 * overfitting chart reads them; train/overfitting.ts measures them).
 */
export const OVERFITTING_LABELS = {
  dTrainReal: 'D on training reals',
  dHeldOut: 'D on held-out reals',
  dFake: 'D on fakes',
  rt: 'r_t = E[sign D(training reals)]',
} as const;

export type OverfittingKey = keyof typeof OVERFITTING_LABELS;
export const OVERFITTING_KEYS = Object.keys(OVERFITTING_LABELS) as OverfittingKey[];
