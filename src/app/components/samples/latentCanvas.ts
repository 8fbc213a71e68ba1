/** Puts one RGBA frame on a canvas, resizing the canvas to it (CSS scales it up, pixelated). */
export function drawFrame(canvas: HTMLCanvasElement | null, width: number, height: number, pixels: Uint8ClampedArray | undefined): void {
  if (!canvas || !pixels || width < 1 || height < 1) return;
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(pixels), width, height), 0, 0);
}
