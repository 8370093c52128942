/**
 * A small BFGS minimiser for the forecast's maximum-likelihood fits (3 or 4 log-parameters). Written here rather
 * than taken from a package: the fits need a few dozen lines, no dependency brings them without a numerical
 * library many times the size of the add-in, and the stopping rule must be the one SPEC states (gradient norm).
 *
 * Quasi-Newton with the inverse-Hessian update, a backtracking line search on the Armijo condition, and a
 * fallback near the optimum: when the objective no longer changes measurably (differences below its rounding),
 * a step is still taken if it shrinks the gradient, so the gradient tolerance can be met even where the
 * objective's own rounding hides further progress.
 */

// Math's functions as local bindings: hot loops then read no global (much faster in jest's vm sandboxes).
const { abs, max, sqrt } = Math;

/** The objective: writes the gradient into `gradient` and returns the value (Infinity/NaN = outside the domain). */
export type Objective = (point: Float64Array, gradient: Float64Array) => number;

export interface MinimizeOptions {
  /** Stop when the gradient's Euclidean norm is at most this. */
  gradientTolerance: number;
  maxIterations?: number;
  /** The largest change of any coordinate in one step (log-parameters: e^5 ≈ 150×). */
  maxStep?: number;
}

export interface MinimizeResult {
  point: Float64Array;
  value: number;
  gradient: Float64Array;
  gradientNorm: number;
  iterations: number;
  converged: boolean;
}

function norm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return sqrt(s);
}

function dot(u: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i]! * v[i]!;
  return s;
}

export function minimizeBfgs(objective: Objective, start: Float64Array, options: MinimizeOptions): MinimizeResult {
  const n = start.length;
  const maxIterations = options.maxIterations ?? 500;
  const maxStep = options.maxStep ?? 5;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let f = objective(x, g);
  const fail = (iterations: number): MinimizeResult => ({
    point: x,
    value: f,
    gradient: g,
    gradientNorm: norm(g),
    iterations,
    converged: false,
  });
  if (!Number.isFinite(f) || !g.every(Number.isFinite)) return fail(0);
  // Inverse Hessian, row-major; identity until the first step gives a scale.
  let h = identity(n);
  let scaled = false;
  const direction = new Float64Array(n);
  let candidate = new Float64Array(n);
  let candidateGradient = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  let resets = 0;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const gradientNorm = norm(g);
    if (gradientNorm <= options.gradientTolerance)
      return { point: x, value: f, gradient: g, gradientNorm, iterations: iteration, converged: true };
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let j = 0; j < n; j++) d -= h[i * n + j]! * g[j]!;
      direction[i] = d;
    }
    let slope = dot(direction, g);
    if (!(slope < 0)) {
      // Not a descent direction (the update lost positive definiteness): steepest descent.
      h = identity(n);
      scaled = false;
      for (let i = 0; i < n; i++) direction[i] = -g[i]!;
      slope = -gradientNorm * gradientNorm;
    }
    let longest = 0;
    for (let i = 0; i < n; i++) longest = max(longest, abs(direction[i]!));
    let step = longest > maxStep ? maxStep / longest : 1;
    let accepted = false;
    let fNew = NaN;
    for (let attempt = 0; attempt < 60; attempt++) {
      for (let i = 0; i < n; i++) candidate[i] = x[i]! + step * direction[i]!;
      fNew = objective(candidate, candidateGradient);
      if (Number.isFinite(fNew) && candidateGradient.every(Number.isFinite)) {
        if (fNew <= f + 1e-4 * step * slope) {
          accepted = true;
          break;
        }
        // At the optimum's rounding level: judge by the gradient instead.
        if (abs(fNew - f) <= 1e-13 * max(1, abs(f)) && norm(candidateGradient) < gradientNorm) {
          accepted = true;
          break;
        }
      }
      step *= 0.5;
    }
    if (!accepted) {
      if (resets++ >= 2) return fail(iteration);
      h = identity(n);
      scaled = false;
      continue;
    }
    for (let i = 0; i < n; i++) {
      s[i] = candidate[i]! - x[i]!;
      y[i] = candidateGradient[i]! - g[i]!;
    }
    [x, candidate] = [candidate, x];
    [g, candidateGradient] = [candidateGradient, g];
    f = fNew;
    const sy = dot(s, y);
    if (sy > 1e-300) {
      if (!scaled) {
        // Nocedal & Wright (6.20): scale the first inverse Hessian by sᵀy / yᵀy.
        const factor = sy / dot(y, y);
        for (let i = 0; i < n * n; i++) h[i] = h[i]! * factor;
        scaled = true;
      }
      bfgsUpdate(h, s, y, sy, n);
    }
  }
  return fail(maxIterations);
}

function identity(n: number): Float64Array {
  const h = new Float64Array(n * n);
  for (let i = 0; i < n; i++) h[i * n + i] = 1;
  return h;
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / sᵀy. */
function bfgsUpdate(h: Float64Array, s: Float64Array, y: Float64Array, sy: number, n: number): void {
  const rho = 1 / sy;
  const hy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += h[i * n + j]! * y[j]!;
    hy[i] = v;
  }
  const yhy = dot(y, hy);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      h[i * n + j] = h[i * n + j]! - rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!;
    }
  }
}
