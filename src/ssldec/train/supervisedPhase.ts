/**
 * Phase 1 of SSLDEC: cross-entropy between scribble labels and q, masked to scribbled voxels, on class-balanced
 * batches of them (labelledStep: scribbled voxels for a per-voxel network, patches around them otherwise).
 * Learning rate decays linearly from `learningRate` to `finalLearningRate`.
 */
import { labelledStep, throwIfAborted, yieldToEventLoop, type TrainingContext } from './TrainingContext';

/** Runs `config.supervisedSteps` steps; emits one 'supervised' progress event per step. */
export async function supervisedPhase(ctx: TrainingContext): Promise<void> {
  const { supervisedSteps: total, learningRate, finalLearningRate } = ctx.config;
  for (let step = 1; step <= total; step++) {
    throwIfAborted(ctx);
    const lr = learningRate + (finalLearningRate - learningRate) * ((step - 1) / Math.max(1, total - 1));
    const { loss, accuracy } = await labelledStep(ctx, lr, true);
    ctx.emit({ phase: 'supervised', step, total, loss, labelledAccuracy: accuracy });
    await yieldToEventLoop();
  }
}
