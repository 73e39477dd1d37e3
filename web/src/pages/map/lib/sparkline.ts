/** The path of a sparkline: values 0..max over a width, gaps where a value is missing. */
export interface SparklineShape {
  path: string;
  targetY: number | null;
  last: [number, number] | null;
}

export function sparkline(values: readonly (number | null)[], target: number | null, max: number, width: number, height: number): SparklineShape {
  const pad = 2;
  const top = Math.max(max, ...values.map((v) => v ?? 0), target ?? 0) || 1;
  const y = (v: number) => pad + (height - 2 * pad) * (1 - v / top);
  const x = (i: number) => (values.length <= 1 ? width / 2 : (i * width) / (values.length - 1));
  let path = '';
  let pen = false;
  let last: [number, number] | null = null;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const px = +x(i).toFixed(1);
    const py = +y(v).toFixed(1);
    path += `${pen ? 'L' : 'M'}${px} ${py}`;
    pen = true;
    last = [px, py];
  });
  return { path, targetY: target === null ? null : +y(target).toFixed(1), last };
}
