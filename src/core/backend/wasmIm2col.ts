/**
 * The column matrix of the wasm weight gradient (Conv2DBackpropFilter in wasmKernels.ts), written
 * by JS straight into the wasm heap: block copies where a tap's plane is a shifted input plane or
 * phase plane, an element loop otherwise.
 */

/** x is [B, H, W, CI]; the kernel KH × KW at strides sh, sw, padded top and left, gives OH × OW. */
export interface Im2colGeometry {
  B: number;
  H: number;
  W: number;
  CI: number;
  KH: number;
  KW: number;
  OH: number;
  OW: number;
  sh: number;
  sw: number;
  top: number;
  left: number;
}

/**
 * Column matrix cols[(i, j, c), (b, oh, ow)] = x[b, oh·s + i − top, ow·s + j − left, c], zero
 * outside the input, read from x transposed to [Cin, B, H, W] so each output run is contiguous.
 */
export function im2col(src: Float32Array, dst: Float32Array, g: Im2colGeometry): void {
  const { B, H, W, CI, KH, KW, OH, OW, sh, sw, top, left } = g;
  if (H % sh === 0 && W % sw === 0 && OW === W / sw && OH <= H / sh && (sh * sw === 1 || (H * W) / (sh * sw) >= MIN_PHASE_PLANE)) {
    im2colByPlanes(src, dst, g);
    return;
  }
  let d = 0;
  for (let i = 0; i < KH; i++) {
    for (let j = 0; j < KW; j++) {
      const owLo = Math.min(OW, Math.max(0, Math.ceil((left - j) / sw)));
      const owHi = Math.max(owLo, Math.min(OW, Math.floor((W - 1 + left - j) / sw) + 1));
      for (let c = 0; c < CI; c++) {
        for (let b = 0; b < B; b++) {
          const plane = (c * B + b) * H;
          for (let oh = 0; oh < OH; oh++) {
            const h = oh * sh + i - top;
            if (h < 0 || h >= H) {
              dst.fill(0, d, d + OW);
              d += OW;
              continue;
            }
            const row = (plane + h) * W + j - left;
            let ow = 0;
            for (; ow < owLo; ow++) dst[d++] = 0;
            for (; ow < owHi; ow++) dst[d++] = src[row + ow * sw];
            for (; ow < OW; ow++) dst[d++] = 0;
          }
        }
      }
    }
  }
}

/**
 * Strided im2col goes by phase planes only when a phase plane holds at least this many floats:
 * D's 4×4 stride-2 weight gradient on 28×28 inputs (14×14 phases) took 5.4–6.8 ms against 7.1–7.7
 * element by element, but on 14×14 inputs (7×7 phases) 5.2 against 4.5–4.9.
 */
const MIN_PHASE_PLANE = 128;

/** The phase planes' buffer, kept between calls: a step takes the same shapes every time. */
let phaseScratch = new Float32Array(0);

/**
 * dst[oh, ow] = plane[oh + di, ow + dj] for an OH × PW output from a PH × PW plane starting at
 * src[plane], zero where the shift reaches outside the plane. The valid rows are one run in
 * memory, so they are one block copy (a memcpy); the run is clamped to the plane, and the columns
 * it wrapped into are zeroed after it.
 */
function shiftedPlane(src: Float32Array, plane: number, PH: number, PW: number, di: number, dj: number, dst: Float32Array, d: number, OH: number): void {
  const ohLo = Math.min(OH, Math.max(0, -di));
  const ohHi = Math.max(ohLo, Math.min(OH, PH - di));
  const owLo = Math.min(PW, Math.max(0, -dj));
  const owHi = Math.max(owLo, Math.min(PW, PW - dj));
  let s0 = plane + (ohLo + di) * PW + dj;
  let s1 = plane + (ohHi + di) * PW + dj;
  let d0 = d + ohLo * PW;
  if (s0 < plane) {
    d0 += plane - s0;
    s0 = plane;
  }
  if (s1 > plane + PH * PW) s1 = plane + PH * PW;
  if (s1 > s0) dst.set(src.subarray(s0, s1), d0);
  if (ohLo > 0) dst.fill(0, d, d + ohLo * PW);
  if (ohHi < OH) dst.fill(0, d + ohHi * PW, d + OH * PW);
  if (owLo > 0 || owHi < PW) {
    for (let oh = ohLo; oh < ohHi; oh++) {
      const r = d + oh * PW;
      for (let ow = 0; ow < owLo; ow++) dst[r + ow] = 0;
      for (let ow = owHi; ow < PW; ow++) dst[r + ow] = 0;
    }
  }
}

/**
 * im2col where each output row is a whole input row (stride 1) or a whole row of one stride phase
 * (stride s dividing H and W, 'same'): every tap's plane is then a shifted copy of an input plane
 * or of a phase plane, x[b, s·y + a, s·x + c] for the phase (a, c). The element-by-element loop
 * above spent ≈ 3 ns a float; these block copies make the weight gradients of the 28×28 and 32×32
 * convolutions 2–3× cheaper (docs/kernels.md, "im2col by block copies").
 */
function im2colByPlanes(src: Float32Array, dst: Float32Array, g: Im2colGeometry): void {
  const { B, H, W, CI, KH, KW, OH, OW, sh, sw, top, left } = g;
  const planes = CI * B;
  const PH = H / sh;
  const PW = W / sw;
  const phases = sh * sw;
  // Phase planes laid out [CI·B, sh, sw, PH, PW]; stride 1 reads the input as it is.
  let from = src;
  if (phases > 1) {
    if (phaseScratch.length < src.length) phaseScratch = new Float32Array(src.length);
    from = phaseScratch;
    let o = 0;
    for (let p = 0; p < planes; p++) {
      const base = p * H * W;
      for (let a = 0; a < sh; a++) {
        for (let c = 0; c < sw; c++) {
          for (let y = 0; y < PH; y++) {
            const row = base + (y * sh + a) * W + c;
            for (let x = 0; x < PW; x++) from[o++] = src[row + x * sw];
          }
        }
      }
    }
  }
  const planeSize = OH * OW;
  let d = 0;
  for (let i = 0; i < KH; i++) {
    const r = i - top;
    const a = ((r % sh) + sh) % sh;
    const di = (r - a) / sh;
    for (let j = 0; j < KW; j++) {
      const q = j - left;
      const c = ((q % sw) + sw) % sw;
      const dj = (q - c) / sw;
      for (let p = 0; p < planes; p++) {
        shiftedPlane(from, (p * phases + a * sw + c) * PH * PW, PH, PW, di, dj, dst, d, OH);
        d += planeSize;
      }
    }
  }
}
