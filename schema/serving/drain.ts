import type http from 'node:http';
import type { Socket } from 'node:net';

/**
 * Graceful stop of one HTTP server (issue 12): readiness turns false first, the listening socket closes
 * (new connections are refused), idle keep-alive connections are closed, answers in flight finish and
 * carry `connection: close`, and whatever is still running when `timeoutMs` passes is cut.
 */
export class Drainer {
  #draining = false;
  #inFlight = 0;
  readonly #idle = new Set<() => void>();
  readonly #busy = new WeakMap<Socket, number>();

  constructor(private readonly server: http.Server) {
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.#inFlight += 1;
      const socket = req.socket;
      this.#busy.set(socket, (this.#busy.get(socket) ?? 0) + 1);
      // A keep-alive client must not send its next request to a process on its way out.
      if (this.#draining) res.setHeader('connection', 'close');
      res.once('close', () => {
        this.#inFlight -= 1;
        const left = (this.#busy.get(socket) ?? 1) - 1;
        this.#busy.set(socket, left);
        if (this.#draining && left === 0) socket.end();
        if (this.#inFlight === 0) for (const done of this.#idle) done();
      });
    });
  }

  /** False from the moment a drain starts: `/ready` answers 503 so load balancers stop sending traffic. */
  get draining(): boolean {
    return this.#draining;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Resolves when every request in flight has finished, or after `timeoutMs` with the rest cut. */
  async drain(timeoutMs: number): Promise<{ readonly cut: number }> {
    this.#draining = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    let cut = 0;
    if (this.#inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          cut = this.#inFlight;
          resolve();
        }, timeoutMs);
        timer.unref();
        this.#idle.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.server.closeAllConnections();
    await closed;
    return { cut };
  }
}
