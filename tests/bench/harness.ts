/**
 * Benchmark plumbing: timing, machine description, and the JSON record of a run
 * (`npm run bench -- --json FILE`) so two runs can be compared. Benchmarks print figures;
 * they never assert a time.
 */
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The baseline's value, measured in the same run, and what it is. */
  baseline?: { name: string; value: number };
  target?: string;
  note?: string;
}

export class Bench {
  readonly figures: Figure[] = [];
  private peakRss = 0;
  private timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.samplePeak(), 50);
    this.timer.unref();
  }

  samplePeak(): void {
    this.peakRss = Math.max(this.peakRss, process.memoryUsage().rss);
  }

  machine() {
    const cpu = cpus();
    return { cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memoryGiB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: process.platform };
  }

  async time<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
    const t = performance.now();
    const value = await fn();
    this.samplePeak();
    return { ms: performance.now() - t, value };
  }

  record(figure: Figure): void {
    this.figures.push(figure);
    const base = figure.baseline ? `   baseline ${figure.baseline.name}: ${fmt(figure.baseline.value)} ${figure.unit} → ratio ${(figure.baseline.value / figure.value).toFixed(1)}×` : '';
    const target = figure.target ? `   [target ${figure.target}]` : '';
    console.log(`  ${figure.name.padEnd(58)} ${fmt(figure.value).padStart(10)} ${figure.unit}${base}${target}${figure.note ? `   (${figure.note})` : ''}`);
  }

  peakMemoryMiB(): number {
    this.samplePeak();
    return Math.round(Math.max(this.peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20);
  }

  write(file: string | undefined, extra: Record<string, unknown>): void {
    clearInterval(this.timer);
    if (!file) return;
    writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), machine: this.machine(), figures: this.figures, ...extra }, null, 2)}\n`);
    console.log(`\nfigures written to ${file}`);
  }
}

function fmt(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}
