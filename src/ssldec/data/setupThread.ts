/**
 * The geodesic distances on a second thread: a GeodesicRunner that posts jobs over a message port (a browser Worker,
 * a Node worker_threads Worker) and the thread's side that answers them. The thread runs the same code on the same
 * arrays, so its distances are the ones this thread would compute. A thread that cannot start or fails costs time,
 * not the run: its jobs, and every later one, run here.
 */
import {
  distanceBuffers, measureDistances, runGeodesicJob, type ClassDistances, type DistanceJob, type GeodesicJob, type GeodesicJobResult,
  type GeodesicRunner,
} from './geodesicDistances';

/** The little of a worker both platforms share, adapted by the caller (extension/worker, src/cli). */
export interface JobPort {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): void;
  /** The thread failed to start or died. */
  onError(listener: (error: Error) => void): void;
  /** Ends the thread (its memory goes with it). */
  close(): void;
}

/** A whole job, or some classes under one measure. */
type JobMessage = { id: number; job: GeodesicJob } | { id: number; part: DistanceJob };
interface ResultMessage { id: number; result?: GeodesicJobResult; distances?: ClassDistances[]; error?: string }
type Work = { job: GeodesicJob } | { part: DistanceJob };

/** A job's work, done here. */
const doHere = (work: Work) => ('job' in work ? runGeodesicJob(work.job) : measureDistances(work.part));

/**
 * A runner on threads `open()` starts: one per burst of jobs, ended when none is left, so an idle thread holds no
 * memory (its Dijkstra scratch arrays are garbage it would keep until it next ran) and never keeps a Node process
 * alive. Starting one costs tens of milliseconds against seconds of distances. `open` may throw (a page whose policy
 * forbids workers): the jobs then run here.
 * @param onFailure told once, when the thread failed and the jobs run here from then on (slower, same distances).
 */
export function geodesicRunnerOn(open: () => JobPort, onFailure?: (error: Error) => void): GeodesicRunner {
  let port: JobPort | undefined;
  let failed = false;
  let nextId = 0;
  const pending = new Map<number, { work: Work; resolve(r: unknown): void; reject(e: Error): void }>();
  const settle = (id: number) => {
    const p = pending.get(id);
    pending.delete(id);
    if (pending.size === 0 && port) {
      const idle = port;
      port = undefined;
      idle.close();
    }
    return p;
  };
  // The thread failed: it is ended, and its jobs, and every later one, run here.
  const fail = (error: Error) => {
    if (!failed) onFailure?.(error);
    failed = true;
    const broken = port;
    port = undefined;
    broken?.close();
    for (const id of [...pending.keys()]) {
      const p = settle(id)!;
      try {
        p.resolve(doHere(p.work));
      } catch (e) {
        p.reject(e as Error);
      }
    }
  };
  const start = (): JobPort | undefined => {
    try {
      const opened = open();
      opened.onMessage((message) => {
        const { id, result, distances, error } = message as ResultMessage;
        const p = settle(id);
        if (!p) return;
        if (error === undefined) p.resolve(result ?? distances);
        else p.reject(new Error(`The geodesic distances failed on their thread: ${error}`));
      });
      // Only the running thread's failure counts (a closed one reports its exit too).
      opened.onError((error) => {
        if (port === opened) fail(error);
      });
      return opened;
    } catch (error) {
      fail(error as Error);
      return undefined;
    }
  };
  const post = <T>(work: Work): Promise<T> => {
    if (!failed) port ??= start();
    if (failed || !port) return Promise.resolve(doHere(work) as T);
    const id = nextId++;
    const running = port;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { work, resolve: resolve as (r: unknown) => void, reject });
      // The arrays are copied, not transferred: the caller keeps the cells' means for the prior's plain measure.
      running.postMessage({ id, ...work } satisfies JobMessage);
    });
  };
  return { run: (job) => post({ job }), measure: (part) => post({ part }) };
}

/** The thread's side: does every job posted to it and posts its distances back, their arrays transferred. */
export function answerGeodesicJobs(port: Pick<JobPort, 'postMessage' | 'onMessage'>): void {
  port.onMessage((message) => {
    const { id, ...work } = message as JobMessage;
    let answer: ResultMessage;
    try {
      answer = 'job' in work ? { id, result: runGeodesicJob(work.job) } : { id, distances: measureDistances(work.part) };
    } catch (e) {
      answer = { id, error: (e as Error).message };
    }
    const sent = answer.result ? [...answer.result.inputs, ...(answer.result.plain ?? [])] : answer.distances ?? [];
    port.postMessage(answer, distanceBuffers(sent));
  });
}
