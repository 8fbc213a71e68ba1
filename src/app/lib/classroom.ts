/**
 * The control groups a classroom link can hide. Ids are part of the link format (`hide=lab,lrG`):
 * never rename one without a migration in runLink.ts.
 */
export interface ControlGroup {
  id: string;
  label: string;
}

export const CONTROL_GROUPS: readonly ControlGroup[] = [
  { id: 'setup', label: 'Set-up pickers (dataset, model, loss, batch, seed…)' },
  { id: 'datasets', label: 'The datasets window' },
  { id: 'lab', label: 'The regularization lab' },
  { id: 'lessons', label: 'The lessons menu' },
  { id: 'lrG', label: 'Slider: Generator learning rate' },
  { id: 'lrD', label: 'Slider: Discriminator learning rate' },
  { id: 'l1G', label: 'Slider: Generator L1' },
  { id: 'l2G', label: 'Slider: Generator L2' },
  { id: 'l1D', label: 'Slider: Discriminator L1' },
  { id: 'l2D', label: 'Slider: Discriminator L2' },
  { id: 'lrDecayStart', label: 'Slider: Learning-rate decay start step' },
  { id: 'lrDecaySteps', label: 'Slider: Learning-rate decay steps' },
];

/** The live sliders of the "Live settings" box (hiding them all hides the box). */
export const LIVE_SLIDER_GROUPS = ['lrG', 'lrD', 'l1G', 'l2G', 'l1D', 'l2D', 'lrDecayStart', 'lrDecaySteps'] as const;

export function isHideable(id: string): boolean {
  return CONTROL_GROUPS.some((g) => g.id === id);
}
