/**
 * The whole training update of a dense-chain GAN (models/mlpChain.ts: the 2-D MLPs) in a few
 * WGSL dispatches (docs/kernels.md). At this size a WebGPU step costs its dispatches, not its
 * arithmetic, so instead of a kernel per layer and per op:
 *
 * - **row pass** (one invocation per example): both networks' forward passes for that row, the
 *   loss and its gradient, and the backward pass down to every layer's pre-activation gradient
 *   δ — all per-example work. It writes each trained layer's input `a` and δ to one trace buffer
 *   (plus the loss terms for the report). The D update's fake rows run G first; the G update runs
 *   G, D, D's input gradient and G's backward in the same invocation.
 * - **gradient + Adam** (one invocation per tile of up to 4 × 8 parameters): dW[k, j] = Σ_rows a[k]·δ[j] (db: Σ δ[j])
 *   from the trace, the L1/L2 gradient, and Adam, in place on the network's packed state
 *   `[w | m | v | g | w₀]` (adam.ts). Charted updates also keep g and the weights before the
 *   update there, for the report.
 * - **report** (one workgroup, charted updates only): the loss, mean D(x) on real and fake, the
 *   gradient norm and the L1/L2 values as one 6-vector; **metrics** puts D's and G's reports in
 *   DEVICE_METRICS order, the step's one metrics vector.
 *
 * The weights are read from the packed state at their flat offsets, so the variables are not
 * written per update (LiveAdam.syncWeights writes them when anything else reads them).
 * Everything structural (widths, activations, offsets, the parameter count) is baked into the
 * WGSL and into the shader key (the chain's key); the batch size is a uniform.
 */
import { DEVICE_METRICS } from './deviceMetrics';
import type { MlpChain, MlpLayer } from '../models/mlpChain';
import { grid, type FusedProgram } from './webgpuKernels';

/**
 * How many outputs one loop iteration computes together (8, 4, 2 or 1, whichever divides `n`).
 * On SwiftShader every storage load is a per-lane gather whatever its address, so the loads, not
 * the multiply-adds, are the cost: a block of B accumulators loads the shared operand once for B
 * multiply-adds (docs/kernels.md). Each accumulator still sums its own terms in the same order.
 */
const blockOf = (n: number): number => (n % 8 === 0 ? 8 : n % 4 === 0 ? 4 : n % 2 === 0 ? 2 : 1);

/** The WGSL `code(u)` for u = 0 … B − 1, one after another. */
const unrolled = (B: number, code: (u: number) => string): string => Array.from({ length: B }, (_, u) => code(u)).join('\n');

/** A float literal WGSL accepts (an integer-valued number needs its point). */
const lit = (x: number): string => (Number.isInteger(x) ? x.toFixed(1) : String(x));

/**
 * Per-row column offsets of one network's regions in a trace: layer inputs `a` and
 * pre-activation gradients δ. `a` and `dc` (δ for the row pass's own backward) are stored
 * example-minor (value k of row i at rows·col + k·rows + i), so neighbouring invocations (rows)
 * read neighbouring addresses: one vector load, not a gather, on a SIMD adapter like SwiftShader.
 * `d`, the same δ for the parameter gradients, is row-major (rows·col + i·width + k): there
 * neighbouring invocations are neighbouring parameters j.
 */
interface NetCols {
  a: number[];
  d: number[];
  dc: number[];
}

/** Where everything sits in a row pass's trace: a region of width w at column col takes rows·w values from rows·col. */
export interface TraceLayout {
  g: NetCols;
  d: NetCols;
  /** The per-row loss terms: D update [softplus(s·y), σ(y)], G update [softplus(−y)]. */
  report: number;
  reportWidth: number;
  /** Values per row in all. */
  width: number;
}

function layoutOf(g: MlpChain, d: MlpChain, reportWidth: number): TraceLayout {
  let next = 0;
  const take = (w: number) => {
    const c = next;
    next += w;
    return c;
  };
  const cols = (chain: MlpChain): NetCols => ({
    a: chain.layers.map((l) => take(l.inDim)),
    d: chain.layers.map((l) => take(l.outDim)),
    dc: chain.layers.map((l) => take(l.outDim)),
  });
  const gc = cols(g);
  const dc = cols(d);
  const report = take(reportWidth);
  return { g: gc, d: dc, report, reportWidth, width: next };
}

export const discriminatorLayout = (g: MlpChain, d: MlpChain): TraceLayout => layoutOf(g, d, 2);
export const generatorLayout = (g: MlpChain, d: MlpChain): TraceLayout => layoutOf(g, d, 1);

/** WGSL: the start of row `row` of the row-major region at column `col`, `width` wide. */
const rowAt = (col: number, width: number, row = 'row') => `(uniforms.rows * ${col} + ${row} * ${width})`;

/** WGSL: where row `row` of the example-minor region at column `col` starts; its value k is at + k·R. */
const colAt = (col: number, row = 'row') => `(uniforms.rows * ${col} + ${row})`;

/**
 * Forward through `chain` for one row, its weights in `P`: layer l reads its input from region
 * a[l] and writes its activated output to a[l + 1], the last layer to `out` (an example-minor
 * region start) or, with `out` null, to the local `y` (a 1-wide output). R: the row count.
 */
function forwardCode(chain: MlpChain, P: string, cols: NetCols, out: string | null): string {
  return chain.layers
    .map((l, i) => {
      const last = i === chain.layers.length - 1;
      const B = blockOf(l.outDim);
      const store = (u: number) =>
        last ? (out === null ? 'y = acc;' : `result[${out} + (j + ${u}) * R] = acc;`) : `result[${colAt(cols.a[i + 1])} + (j + ${u}) * R] = acc;`;
      const outputs = unrolled(
        B,
        (u) => `{
            var acc = c${u};
            ${l.bOffset >= 0 ? `acc = acc + ${P}[${l.bOffset} + j + ${u}];` : ''}
            ${l.alpha !== null ? `if (acc <= 0.0) { acc = acc * ${lit(l.alpha)}; }` : ''}
            ${store(u)}
          }`,
      );
      return `{
        let inBase = ${colAt(cols.a[i])};
        for (var j = 0; j < ${l.outDim}; j = j + ${B}) {
          ${unrolled(B, (u) => `var c${u} = 0.0;`)}
          for (var k = 0; k < ${l.inDim}; k = k + 1) {
            let x = result[inBase + k * R];
            let w = ${l.wOffset} + k * ${l.outDim} + j;
            ${unrolled(B, (u) => `c${u} = c${u} + x * ${P}[w + ${u}];`)}
          }
          ${outputs}
        }
      }`;
    })
    .join('\n');
}

/** WGSL: stores δ value `k` of a layer (expression `e`) in both its copies, dc (example-minor) and d (row-major). */
const storeDelta = (cols: NetCols, i: number, width: number, k: string, e: string) =>
  `result[${colAt(cols.dc[i])} + ${k} * R] = ${e}; result[${rowAt(cols.d[i], width)} + ${k}] = ${e};`;

/**
 * Backward through `chain` for one row, from δ of its last layer (already stored) down to δ of
 * its first: δ[l − 1] = (δ[l]·W[l]ᵀ) ⊙ step(a[l], α[l − 1]) (a[l] is layer l − 1's activated
 * output, whose sign is its pre-activation's).
 */
function backwardCode(chain: MlpChain, P: string, cols: NetCols): string {
  const out: string[] = [];
  for (let i = chain.layers.length - 1; i >= 1; i--) {
    const l = chain.layers[i];
    const below = chain.layers[i - 1];
    out.push(`{
      let dBase = ${colAt(cols.dc[i])};
      let aBase = ${colAt(cols.a[i])};
      ${inputGradientCode(
        l,
        P,
        'dBase',
        (u) => `{
          var e = e${u};
          ${below.alpha !== null ? `if (result[aBase + (k + ${u}) * R] <= 0.0) { e = e * ${lit(below.alpha)}; }` : ''}
          ${storeDelta(cols, i - 1, below.outDim, `(k + ${u})`, 'e')}
        }`,
      )}
    }`);
  }
  return out.join('\n');
}

/**
 * WGSL: layer `l`'s input gradient δ·Wᵀ for one row, δ (example-minor) from `dBase`, a block of
 * input units k … k + B − 1 at a time (accumulators e0 … e(B−1), each summed over j in order);
 * `each(u)` consumes e{u} for unit k + u.
 */
function inputGradientCode(l: MlpLayer, P: string, dBase: string, each: (u: number) => string): string {
  const B = blockOf(l.inDim);
  return `for (var k = 0; k < ${l.inDim}; k = k + ${B}) {
        ${unrolled(B, (u) => `var e${u} = 0.0;`)}
        for (var j = 0; j < ${l.outDim}; j = j + 1) {
          let dv = result[${dBase} + j * R];
          let w = ${l.wOffset} + k * ${l.outDim} + j;
          ${unrolled(B, (u) => `e${u} = e${u} + dv * ${P}[w + ${u * l.outDim}];`)}
        }
        ${unrolled(B, each)}
      }`;
}

/** Copies `width` values of row `src` of input `name` into the example-minor region starting at `dst`. */
const copyRow = (name: string, src: string, width: number, dst: string) =>
  `for (var k = 0; k < ${width}; k = k + 1) { result[${dst} + k * R] = ${name}[${src} * ${width} + k]; }`;

/** WGSL: softplus and sigmoid as TF.js's kernels compute them (softplus linear or exp in the tails). */
const LOGIT_FNS = `
  fn mlpSoftplus(x : f32) -> f32 {
    if (x > 15.942385) { return x; }
    if (x < -15.942385) { return exp(x); }
    return log(exp(x) + 1.0);
  }
  fn mlpSigmoid(x : f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }`;

/**
 * The D update's row pass over 2·n rows (real first): inputs Real [n, in], Z [n, latent], PG and
 * PD (the packed states); uniforms n, rows (= 2n), invN. D's loss on the stacked logits is
 * Σ softplus(s·y)/n with s = −1 on real rows and +1 on fake ones, its gradient σ(s·y)·s/n.
 */
export function discriminatorPassProgram(g: MlpChain, d: MlpChain, t: TraceLayout, rows: number): FusedProgram {
  const dIn = d.layers[0].inDim;
  const latent = g.layers[0].inDim;
  const dLast = d.layers.length - 1;
  return {
    variableNames: ['Real', 'Z', 'PG', 'PD'],
    outputShape: [rows * t.width],
    shaderKey: `ganMlpDPass_${g.key}_${d.key}`,
    ...grid(rows),
    uniforms: 'n : i32, rows : i32, invN : f32,',
    getUserCode: () => `
      ${LOGIT_FNS}
      fn main(index : i32) {
        let row = index;
        let R = uniforms.rows;
        if (row >= R) { return; }
        let n = uniforms.n;
        if (row < n) {
          ${copyRow('Real', 'row', dIn, colAt(t.d.a[0]))}
        } else {
          let r = row - n;
          ${copyRow('Z', 'r', latent, colAt(t.g.a[0]))}
          ${forwardCode(g, 'PG', t.g, colAt(t.d.a[0]))}
        }
        var y = 0.0;
        ${forwardCode(d, 'PD', t.d, null)}
        let s = select(1.0, -1.0, row < n);
        let z = s * y;
        let rep = ${rowAt(t.report, 2)};
        result[rep] = mlpSoftplus(z);
        result[rep + 1] = mlpSigmoid(y);
        let dy = mlpSigmoid(z) * (s * uniforms.invN);
        ${storeDelta(t.d, dLast, 1, '0', 'dy')}
        ${backwardCode(d, 'PD', t.d)}
      }`,
  };
}

/**
 * The G update's row pass over n rows: inputs Z, PG, PD; uniforms n, rows (= n), invN. G's loss
 * is mean softplus(−y) (non-saturating), its gradient −σ(−y)/n; D's input gradient
 * δ_D[0]·W_D[0]ᵀ is G's output gradient.
 */
export function generatorPassProgram(g: MlpChain, d: MlpChain, t: TraceLayout, rows: number): FusedProgram {
  const dIn = d.layers[0].inDim;
  const latent = g.layers[0].inDim;
  const d0 = d.layers[0];
  const gLast = g.layers.length - 1;
  const dLast = d.layers.length - 1;
  return {
    variableNames: ['Z', 'PG', 'PD'],
    outputShape: [rows * t.width],
    shaderKey: `ganMlpGPass_${g.key}_${d.key}`,
    ...grid(rows),
    uniforms: 'n : i32, rows : i32, invN : f32,',
    getUserCode: () => `
      ${LOGIT_FNS}
      fn main(index : i32) {
        let row = index;
        let R = uniforms.rows;
        if (row >= R) { return; }
        ${copyRow('Z', 'row', latent, colAt(t.g.a[0]))}
        ${forwardCode(g, 'PG', t.g, colAt(t.d.a[0]))}
        var y = 0.0;
        ${forwardCode(d, 'PD', t.d, null)}
        result[${rowAt(t.report, 1)}] = mlpSoftplus(-y);
        let dy = -mlpSigmoid(-y) * uniforms.invN;
        ${storeDelta(t.d, dLast, 1, '0', 'dy')}
        ${backwardCode(d, 'PD', t.d)}
        {
          let dBase = ${colAt(t.d.dc[0])};
          ${inputGradientCode(d0, 'PD', 'dBase', (u) => `{ let e = e${u}; ${storeDelta(t.g, gLast, dIn, `(k + ${u})`, 'e')} }`)}
        }
        ${backwardCode(g, 'PG', t.g)}
      }`,
  };
}

/** WGSL: 1.0 where parameter p is under the L1/L2 penalties (ranges baked from the chain). */
function penalizedFn(chain: MlpChain): string {
  const ranges: string[] = [];
  for (const l of chain.layers) {
    if (l.wPenalized) ranges.push(`(p >= ${l.wOffset} && p < ${l.wOffset + l.inDim * l.outDim})`);
    if (l.bPenalized && l.bOffset >= 0) ranges.push(`(p >= ${l.bOffset} && p < ${l.bOffset + l.outDim})`);
  }
  return `fn mlpPenalized(p : i32) -> bool { return ${ranges.length ? ranges.join(' || ') : 'false'}; }`;
}

/**
 * ∂L/∂(the chain's parameters) from a trace and Adam on them, in place on the packed state
 * (5·size values). Input T (the trace); uniforms rows, stepSize, β1, 1 − β1, β2, 1 − β2, ε, λ1,
 * λ2, keep (1: also store g and the weights before the update, for the report). One invocation
 * per tile of W, KB rows (inputs k; KB = 4, 2 or 1) × B columns (B = blockOf(outDim)), or per
 * block of B values of b: each row of the trace loads KB values of a and B of δ for KB·B
 * products; every parameter's sum over the rows keeps its order.
 */
export function gradientAdamProgram(chain: MlpChain, cols: NetCols, traceKey: string): FusedProgram {
  const n = chain.size;
  let blocks = 0;
  const branches: string[] = [];
  chain.layers.forEach((l, i) => {
    const B = blockOf(l.outDim);
    const perRow = l.outDim / B;
    // W in tiles of KB rows (inputs k) × B columns: per trace row KB loads of a and B of δ for KB·B products.
    const KB = Math.min(4, blockOf(l.inDim));
    const wBlocks = (l.inDim / KB) * perRow;
    const sums = (dBase: string, pre: string, term: (u: number) => string) => `
          ${unrolled(B, (u) => `var g${u} = 0.0;`)}
          for (var r = 0; r < uniforms.rows; r = r + 1) {
            ${pre}
            let d = ${dBase} + r * ${l.outDim};
            ${unrolled(B, (u) => `g${u} = g${u} + ${term(u)};`)}
          }
          ${unrolled(B, (u) => `mlpAdam(p + ${u}, g${u});`)}`;
    const tile = (v: number, u: number) => `g${v}_${u}`;
    branches.push(`if (q >= ${blocks} && q < ${blocks + wBlocks}) {
          let kq = q - ${blocks};
          let kb = kq / ${perRow};
          let k = kb * ${KB};
          let j = (kq - kb * ${perRow}) * ${B};
          let p = ${l.wOffset} + k * ${l.outDim} + j;
          let aBase = uniforms.rows * (${cols.a[i]} + k);
          ${unrolled(KB, (v) => unrolled(B, (u) => `var ${tile(v, u)} = 0.0;`))}
          for (var r = 0; r < uniforms.rows; r = r + 1) {
            let d = uniforms.rows * ${cols.d[i]} + j + r * ${l.outDim};
            ${unrolled(B, (u) => `let d${u} = T[d + ${u}];`)}
            ${unrolled(KB, (v) => `{ let x = T[aBase + ${v} * uniforms.rows + r]; ${unrolled(B, (u) => `${tile(v, u)} = ${tile(v, u)} + x * d${u};`)} }`)}
          }
          ${unrolled(KB, (v) => unrolled(B, (u) => `mlpAdam(p + ${v * l.outDim + u}, ${tile(v, u)});`))}
        }`);
    blocks += wBlocks;
    if (l.bOffset >= 0) {
      branches.push(`if (q >= ${blocks} && q < ${blocks + perRow}) {
          let j = (q - ${blocks}) * ${B};
          let p = ${l.bOffset} + j;
          ${sums(`uniforms.rows * ${cols.d[i]} + j`, '', (u) => `T[d + ${u}]`)}
        }`);
      blocks += perRow;
    }
  });
  return {
    variableNames: ['T'],
    outputShape: [5 * n],
    shaderKey: `ganMlpGradAdam_${chain.key}_${traceKey}`,
    ...grid(blocks),
    uniforms: 'rows : i32, stepSize : f32, beta1 : f32, oneMinusBeta1 : f32, beta2 : f32, oneMinusBeta2 : f32, epsilon : f32, l1 : f32, l2 : f32, keep : i32,',
    getUserCode: () => `
      ${penalizedFn(chain)}
      fn mlpAdam(p : i32, gIn : f32) {
        var g = gIn;
        let w = result[p];
        if (mlpPenalized(p)) {
          if (uniforms.l1 > 0.0) { g = g + select(-1.0, 1.0, w > 0.0) * uniforms.l1; }
          if (uniforms.l2 > 0.0) { g = g + w * (2.0 * uniforms.l2); }
        }
        let m = uniforms.beta1 * result[${n} + p] + uniforms.oneMinusBeta1 * g;
        let v = uniforms.beta2 * result[${2 * n} + p] + uniforms.oneMinusBeta2 * (g * g);
        result[${n} + p] = m;
        result[${2 * n} + p] = v;
        if (uniforms.keep != 0) {
          result[${3 * n} + p] = g;
          result[${4 * n} + p] = w;
        }
        result[p] = w - uniforms.stepSize * (m / (sqrt(v) + uniforms.epsilon));
      }
      fn main(index : i32) {
        let q = index;
        ${branches.join(' else ')}
      }`,
  };
}

const REPORT_THREADS = 256;

/**
 * One update's charted values as [loss, mean D(real), mean D(fake), ‖g‖, λ1·Σ|w|, λ2·Σw²] (the G
 * update's D(x) slots 0), by one workgroup. Inputs T (the trace), P (the packed state, after a
 * `keep` update: g and the weights before it); uniforms n, rows, l1, l2.
 */
export function reportProgram(chain: MlpChain, t: TraceLayout, discriminator: boolean): FusedProgram {
  const n = chain.size;
  const rowTerms = discriminator
    ? `let rep = uniforms.rows * ${t.report} + i * 2;
       if (i < uniforms.n) { acc = acc + vec4<f32>(T[rep], T[rep + 1], 0.0, 0.0); }
       else { acc = acc + vec4<f32>(T[rep], 0.0, T[rep + 1], 0.0); }`
    : `acc = acc + vec4<f32>(T[uniforms.rows * ${t.report} + i], 0.0, 0.0, 0.0);`;
  return {
    variableNames: ['T', 'P'],
    outputShape: [6],
    shaderKey: `ganMlpReport_${discriminator}_${chain.key}`,
    ...grid(1, REPORT_THREADS),
    uniforms: 'n : i32, rows : i32, l1 : f32, l2 : f32,',
    getUserCode: () => `
      ${penalizedFn(chain)}
      var<workgroup> rowPart : array<vec4<f32>, ${REPORT_THREADS}>;
      var<workgroup> weightPart : array<vec2<f32>, ${REPORT_THREADS}>;
      fn main(index : i32) {
        let lane = i32(localIndex);
        var acc = vec4<f32>(0.0, 0.0, 0.0, 0.0);
        var pen = vec2<f32>(0.0, 0.0);
        for (var i = lane; i < uniforms.rows; i = i + ${REPORT_THREADS}) {
          ${rowTerms}
        }
        for (var p = lane; p < ${n}; p = p + ${REPORT_THREADS}) {
          let g = P[${3 * n} + p];
          acc.w = acc.w + g * g;
          if (mlpPenalized(p)) {
            let w = P[${4 * n} + p];
            pen = pen + vec2<f32>(abs(w), w * w);
          }
        }
        rowPart[lane] = acc;
        weightPart[lane] = pen;
        workgroupBarrier();
        for (var stride = ${REPORT_THREADS / 2}; stride > 0; stride = stride / 2) {
          if (lane < stride) {
            rowPart[lane] = rowPart[lane] + rowPart[lane + stride];
            weightPart[lane] = weightPart[lane] + weightPart[lane + stride];
          }
          workgroupBarrier();
        }
        if (lane == 0) {
          let s = rowPart[0];
          let invN = 1.0 / f32(uniforms.n);
          result[0] = s.x * invN;
          result[1] = s.y * invN;
          result[2] = s.z * invN;
          result[3] = sqrt(s.w);
          result[4] = uniforms.l1 * weightPart[0].x;
          result[5] = uniforms.l2 * weightPart[0].y;
        }
      }`,
  };
}

/** Where each metric sits in a report: D's and G's (reportProgram's order). */
const FROM_D: Partial<Record<(typeof DEVICE_METRICS)[number], number>> = { dLoss: 0, dReal: 1, dFake: 2, dGradNorm: 3, dL1: 4, dL2: 5 };
const FROM_G: Partial<Record<(typeof DEVICE_METRICS)[number], number>> = { gLoss: 0, gGradNorm: 3, gL1: 4, gL2: 5 };

export const REPORT_INDEX = { d: FROM_D, g: FROM_G };

/** The step's metrics vector in DEVICE_METRICS order from D's and G's reports (0 for the rest). Inputs DR, GR; uniform only = 0. */
export function metricsProgram(): FusedProgram {
  const lines = DEVICE_METRICS.map((k, i) => {
    const d = FROM_D[k];
    const g = FROM_G[k];
    return `result[${i}] = ${d !== undefined ? `DR[${d}]` : g !== undefined ? `GR[${g}]` : '0.0'};`;
  });
  return {
    variableNames: ['DR', 'GR'],
    outputShape: [DEVICE_METRICS.length],
    shaderKey: 'ganMlpMetrics',
    ...grid(1, 1),
    // A binding the shader never reads is dropped from its layout and the dispatch fails: `only` is read.
    uniforms: 'only : i32,',
    getUserCode: () => `
      fn main(index : i32) {
        if (index != uniforms.only) { return; }
        ${lines.join('\n        ')}
      }`,
  };
}
