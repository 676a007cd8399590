/**
 * Timestamps of one version's way from `didChange` to published diagnostics, for `npm run bench` (its "where the
 * time goes" table). Off unless the server runs with XXGKNB_TRACE=1; then the server sends a `xxgknb/trace`
 * notification per version whose diagnostics were published, or not published because they had not changed. Times
 * are absolute milliseconds (the same clock in every thread and process of the machine), so the bench can place its
 * own send and receipt among them.
 */
export const TRACING = process.env.XXGKNB_TRACE === '1';

export const TRACE_NOTIFICATION = 'xxgknb/trace';
/** unchanged: nothing was published, the diagnostics being those last published (`published` is then when that was known). */
export interface TraceParams { uri: string; version: number; marks: TraceMarks; unchanged: boolean }
/**
 * changed: the server applied the change; posted: the job went to the worker; started, analysed, serialised: in
 * the worker; received: the diagnostics reached the main thread; published: written to the client.
 */
export type TraceMarks = Partial<Record<'changed' | 'posted' | 'started' | 'analysed' | 'serialised' | 'received' | 'published', number>>;

export function now(): number {
  return performance.timeOrigin + performance.now();
}
