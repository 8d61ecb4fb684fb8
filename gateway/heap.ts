import { setFlagsFromString } from 'node:v8';

/**
 * The gateway process's heap policy (issue 12, memory with 28 agencies): V8 grows the old generation by
 * 1.3× the live heap after each full collection (`--heap-growing-percent=30`) instead of up to 2× or more.
 * Under load the gateway's garbage is mostly agency answers that lived through a fan-out; with V8's
 * default they piled up to ~200 MB of heap between full collections (RSS ~350 MB with 28 agencies), with
 * this the heap stays within ~30 MB of the live one (RSS ~215 MB) at the same throughput (measured side by
 * side; `--optimize-for-size` did as well for memory but cost a third of the throughput). Set at start-up,
 * before the gateway's modules load, by the process that runs the gateway (the `gateway` command, the
 * bench's gateway host), never by a library caller: it is process-wide. `CONVERGENCE_DEFAULT_HEAP=1`
 * makes the bench measure V8's default instead.
 */
export function useCompactHeap(): void {
  setFlagsFromString('--heap-growing-percent=30');
}
