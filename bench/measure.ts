/** One benchmark figure: our value against a baseline measured in the same run. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
}

export function figure(name: string, value: number, baseline: number, unit: string): Figure {
  return { name, value: round(value), unit, baseline: round(baseline), ratio: round(value / baseline) };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Milliseconds taken by `work`. */
export async function time(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Requests per second for `total` requests made by `concurrency` workers. */
export async function throughput(total: number, concurrency: number, request: () => Promise<unknown>): Promise<number> {
  let left = total;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await request();
    }),
  );
  return total / (Number(process.hrtime.bigint() - start) / 1e9);
}
