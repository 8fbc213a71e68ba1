/**
 * Sizes a canvas's backing store to its CSS size × the device pixel ratio (capped at 2: sharper
 * than that costs fill time for nothing visible) and sets the transform, so drawing code works in
 * CSS pixels and stays crisp on high-density screens.
 */
export function hiDpiContext(canvas: HTMLCanvasElement, cssWidth: number, cssHeight: number): CanvasRenderingContext2D | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  if (canvas.width !== cssWidth * dpr || canvas.height !== cssHeight * dpr) {
    canvas.width = cssWidth * dpr;
    canvas.height = cssHeight * dpr;
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}
