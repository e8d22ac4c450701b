/**
 * The progress of a job the screen started (a bundle export or import), from the core's
 * `job.progress` events: the newest job of that kind while the screen waits for it.
 */
import { useEffect, useState } from 'react';
import type { JobInfo, JobKind } from '../../../shared/domain/jobs';
import { useApp } from './context';

export function useRunningJob(kind: JobKind, active: boolean): JobInfo | null {
  const { transport } = useApp();
  const [job, setJob] = useState<JobInfo | null>(null);
  useEffect(() => {
    if (!active) {
      setJob(null);
      return undefined;
    }
    return transport.onEvent((event) => {
      if (event.name === 'job.progress' && event.payload.kind === kind) setJob(event.payload.state === 'running' ? event.payload : null);
    });
  }, [transport, kind, active]);
  return job;
}
