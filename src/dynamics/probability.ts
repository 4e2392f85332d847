/**
 * Closed forms for how often a random initialisation is obstructed (notes §2.6, item 3 — our own
 * derivation, not the paper's text). With zero biases, a neuron is pathological when a² > ‖w‖²;
 * for a ~ N(0, σ_a²) and w ~ N(0, σ_w² I_d), a/σ_a ÷ √(‖w‖²/(dσ_w²)) is Student-t with d degrees
 * of freedom, so p = P(|T_d| > √(d σ_w²/σ_a²)) and P(at least one of l) = 1 − (1 − p)^l.
 */
import type { InitScheme } from './init.js';

/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~15 digits). */
export function logGamma(x: number): number {
  const g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = g[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += g[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction for the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise.
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(|T| > t) for Student's t with ν degrees of freedom. */
export function studentTwoSidedTail(t: number, nu: number): number {
  if (t <= 0) return 1;
  return incompleteBeta(nu / (nu + t * t), nu / 2, 0.5);
}

/** Probability that one neuron is pathological at initialisation (input dim d, width l). */
export function pathologicalProbability(d: number, l: number, scheme: InitScheme): number {
  // threshold² = d σ_w² / σ_a²: Xavier σ_w² = 2/(d+l), σ_a² = 2/(l+1); Kaiming σ_w² = 2/d, σ_a² = 2/l.
  const t2 = scheme === 'xavier' ? (d * (l + 1)) / (d + l) : l;
  return studentTwoSidedTail(Math.sqrt(t2), d);
}

/** P(H(c) is disconnected) = P(at least one pathological neuron). */
export function obstructionProbability(d: number, l: number, scheme: InitScheme): number {
  return 1 - Math.pow(1 - pathologicalProbability(d, l, scheme), l);
}

/**
 * P(a target with `positive` and `negative` output neurons is unreachable) when each of l neurons is
 * independently pathological with probability p, with either sign equally likely (notes §2.5):
 * (|P|, |N|, |Free|) ~ Multinomial(l; p/2, p/2, 1 − p), unreachable iff
 * max(0, n₊ − |P|) + max(0, n₋ − |N|) > |Free| or n₊ + n₋ > l.
 */
export function unreachableProbability(l: number, p: number, positive: number, negative: number): number {
  if (positive + negative > l) return 1;
  let total = 0;
  const logFact = (n: number) => logGamma(n + 1);
  for (let P = 0; P <= l; P++) {
    for (let N = 0; N + P <= l; N++) {
      const F = l - P - N;
      if (Math.max(0, positive - P) + Math.max(0, negative - N) <= F) continue;
      // n·log(q) with 0·log 0 = 0, so p = 0 and p = 1 need no special case.
      const nlog = (n: number, q: number) => (n === 0 ? 0 : n * Math.log(q));
      total += Math.exp(logFact(l) - logFact(P) - logFact(N) - logFact(F) + nlog(P + N, p / 2) + nlog(F, 1 - p));
    }
  }
  return total;
}
