/**
 * The set-up's tasks on a second thread (setupSchedule.ts): a SetupRunner that posts tasks over a message port (a
 * browser Worker, a Node worker_threads Worker) and the thread's side that answers them. The thread runs the same code
 * on the same arrays, so its results are the ones this thread would compute. A thread that cannot start or fails costs
 * time, not the run: its tasks, and every later one, run here.
 */
import {
  cellCount, distanceBuffers, DijkstraScratch, measureDistances, runGeodesicJob, type ClassDistances, type DistanceJob, type GeodesicJob, type GeodesicJobResult,
} from './geodesicDistances';
import { filterHere, type FilterTask, type SetupRunner } from './setupSchedule';

/** The little of a worker both platforms share, adapted by the caller (extension/worker, src/cli). */
export interface JobPort {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): void;
  /** The thread failed to start or died. */
  onError(listener: (error: Error) => void): void;
  /** Ends the thread (its memory goes with it). */
  close(): void;
}

/** A geodesic job, some classes under one measure, or one scale of a channel's filter bank. */
type Work = { job: GeodesicJob } | { part: DistanceJob } | { filter: FilterTask };
type Done = GeodesicJobResult | ClassDistances[] | Float32Array[];
type TaskMessage = { id: number } & Work;
interface ResultMessage { id: number; done?: Done; error?: string }

/** A task's work, done on this thread (`scratch`: Dijkstra arrays a thread reuses across its tasks). */
function doHere(work: Work, scratch?: DijkstraScratch): Done {
  if ('job' in work) return runGeodesicJob(work.job, scratch);
  return 'part' in work ? measureDistances(work.part, scratch) : filterHere(work.filter);
}

/** The arrays of a task's result, to transfer rather than copy back. */
function buffersOf(work: Work, done: Done): ArrayBuffer[] {
  if ('job' in work) {
    const { inputs, plain = [] } = done as GeodesicJobResult;
    return distanceBuffers([...inputs, ...plain]);
  }
  return 'part' in work ? distanceBuffers(done as ClassDistances[]) : (done as Float32Array[]).map((f) => f.buffer as ArrayBuffer);
}

/**
 * A runner on threads `open()` starts: one per set-up (computeSetup holds it from its first task to its last), ended
 * when it is released with no task left, so an idle thread holds no memory and never keeps a Node process alive. A
 * thread per task would start and warm up (JIT, working arrays) again and again (4 threads for the test phantom's).
 * `open` may throw (a page whose policy forbids workers): the tasks then run here.
 * @param onFailure told once, when the thread failed and the tasks run here from then on (slower, same results).
 */
export function setupRunnerOn(open: () => JobPort, onFailure?: (error: Error) => void): SetupRunner {
  let port: JobPort | undefined;
  let failed = false;
  let nextId = 0;
  let holds = 0;
  const pending = new Map<number, { work: Work; resolve(r: unknown): void; reject(e: Error): void }>();
  const closeIfIdle = () => {
    if (pending.size === 0 && holds === 0 && port) {
      const idle = port;
      port = undefined;
      idle.close();
    }
  };
  const settle = (id: number) => {
    const p = pending.get(id);
    pending.delete(id);
    closeIfIdle();
    return p;
  };
  // The thread failed: it is ended, and its tasks, and every later one, run here.
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
        const { id, done, error } = message as ResultMessage;
        const p = settle(id);
        if (!p) return;
        if (error === undefined) p.resolve(done);
        else p.reject(new Error(`The set-up failed on its second thread: ${error}`));
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
      // The arrays are copied, not transferred: the caller keeps the cells' means and the image.
      running.postMessage({ id, ...work } satisfies TaskMessage);
    });
  };
  const hold = () => {
    holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      holds--;
      closeIfIdle();
    };
  };
  return { hold, run: (job) => post({ job }), measure: (part) => post({ part }), filter: (filter) => post({ filter }) };
}

/** The thread's side: does every task posted to it and posts its results back, their arrays transferred. */
export function answerSetupTasks(port: Pick<JobPort, 'postMessage' | 'onMessage'>): void {
  let scratch: DijkstraScratch | undefined;
  port.onMessage((message) => {
    const { id, ...work } = message as TaskMessage;
    let done: Done;
    try {
      const measured = 'job' in work ? work.job : 'part' in work ? work.part : undefined;
      if (measured && scratch?.cells !== cellCount(measured)) scratch = new DijkstraScratch(cellCount(measured));
      done = doHere(work, scratch);
    } catch (e) {
      port.postMessage({ id, error: (e as Error).message } satisfies ResultMessage);
      return;
    }
    port.postMessage({ id, done } satisfies ResultMessage, buffersOf(work, done));
  });
}
