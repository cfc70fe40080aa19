/**
 * Listens on `<prefix>:cancel`, where the API publishes the id of every job it moved to `cancelled`, and aborts that
 * job's deliveries in this process: the sandboxed task's signal fires, then SIGKILL after the grace. A missed message
 * is caught anyway: the next progress write fails (the row is no longer running) and the delivery stops.
 */
import type { Redis } from 'ioredis';
import { cancelChannel, idSchema } from '@whittle/shared';
import type { WorkerLogger } from './logger.ts';
import type { RunningJobs } from './running-jobs.ts';

export async function subscribeToCancels(subscriber: Redis, prefix: string, running: RunningJobs, logger: WorkerLogger): Promise<void> {
  const channel = cancelChannel(prefix);
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel || !idSchema.safeParse(message).success) return;
    if (running.stop(message, 'cancelled')) logger.info(`job ${message}: cancel received; stopping its task`);
  });
  await subscriber.subscribe(channel);
}
