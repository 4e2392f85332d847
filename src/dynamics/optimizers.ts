/**
 * Discrete optimisers on a flat parameter vector: plain full-batch gradient descent and Adam
 * (Kingma & Ba 2015). Each `step` evaluates the objective at θ, updates θ in place and returns the
 * loss at the θ it started from. Gradient flow lives in `flow.ts` (an ODE, not a step rule).
 */
import type { Objective } from './gradient.js';

export interface DiscreteOptimizer {
  step(theta: Float64Array): number;
}

export function gradientDescent(f: Objective, n: number, lr: number): DiscreteOptimizer {
  const grad = new Float64Array(n);
  return {
    step(theta) {
      const loss = f(theta, grad);
      for (let i = 0; i < n; i++) theta[i] -= lr * grad[i];
      return loss;
    },
  };
}

export interface AdamOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export function adam(f: Objective, n: number, lr: number, options: AdamOptions = {}): DiscreteOptimizer {
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const eps = options.epsilon ?? 1e-8;
  const grad = new Float64Array(n);
  const m = new Float64Array(n);
  const v = new Float64Array(n);
  let t = 0;
  return {
    step(theta) {
      const loss = f(theta, grad);
      t++;
      const c1 = 1 - Math.pow(beta1, t);
      const c2 = 1 - Math.pow(beta2, t);
      for (let i = 0; i < n; i++) {
        const g = grad[i];
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        theta[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
      }
      return loss;
    },
  };
}
