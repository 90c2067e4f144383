/**
 * Peak memory of a bench run: the process's resident set and JS heap (process.memoryUsage), sampled on a timer and
 * whenever `sample()` is called (a long synchronous TF.js kernel blocks the timer), and the exact peak of bytes TF.js
 * holds in tensors (tensorPeak.ts).
 */
import { resetTensorPeak, tensorPeakBytes } from './tensorPeak';

/** Peaks in MiB. */
export interface MemoryPeaks {
  /** Resident set size of the Node process (MiB). */
  rssMiB: number;
  /** V8 heap in use (MiB). */
  heapUsedMiB: number;
  /** Memory outside the V8 heap that V8 knows about: ArrayBuffers, wasm memory (MiB). */
  externalMiB: number;
  /** Peak bytes held by live TF.js tensors (MiB), exact (see tensorPeak.ts); on GPU backends this is GPU memory. */
  tfTensorMiB: number;
}

const MiB = 1024 * 1024;

/** Tracks peaks from construction until `stop()`. One monitor at a time (the tensor peak is global). */
export class PeakMemoryMonitor {
  private readonly peaks: MemoryPeaks = { rssMiB: 0, heapUsedMiB: 0, externalMiB: 0, tfTensorMiB: 0 };
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 100) {
    resetTensorPeak();
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** Record the current usage. */
  sample(): void {
    const m = process.memoryUsage();
    this.peaks.rssMiB = Math.max(this.peaks.rssMiB, m.rss / MiB);
    this.peaks.heapUsedMiB = Math.max(this.peaks.heapUsedMiB, m.heapUsed / MiB);
    this.peaks.externalMiB = Math.max(this.peaks.externalMiB, (m.external + m.arrayBuffers) / MiB);
    this.peaks.tfTensorMiB = Math.max(this.peaks.tfTensorMiB, tensorPeakBytes() / MiB);
  }

  /** Stop sampling and return the peaks, rounded to 0.1 MiB. */
  stop(): MemoryPeaks {
    this.sample();
    clearInterval(this.timer);
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      rssMiB: round(this.peaks.rssMiB),
      heapUsedMiB: round(this.peaks.heapUsedMiB),
      externalMiB: round(this.peaks.externalMiB),
      tfTensorMiB: round(this.peaks.tfTensorMiB),
    };
  }
}
