import type { LinkGraph } from './clusters.js';

/** Symmetric scored links between courses, kept from the link floor up. */
export class LinkStore {
  private readonly byCourse = new Map<string, Map<string, number>>();

  get graph(): LinkGraph {
    return this.byCourse;
  }

  set(a: string, b: string, score: number): void {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      let list = this.byCourse.get(from);
      if (!list) {
        list = new Map();
        this.byCourse.set(from, list);
      }
      list.set(to, score);
    }
  }

  neighbours(id: string): Iterable<string> {
    return this.byCourse.get(id)?.keys() ?? [];
  }

  /** Drops every link of a course, on both ends. */
  removeAll(id: string): void {
    for (const other of this.neighbours(id)) {
      const list = this.byCourse.get(other);
      list?.delete(id);
      if (list?.size === 0) this.byCourse.delete(other);
    }
    this.byCourse.delete(id);
  }

  clear(): void {
    this.byCourse.clear();
  }

  /** Number of undirected links. */
  count(): number {
    let ends = 0;
    for (const list of this.byCourse.values()) ends += list.size;
    return ends / 2;
  }
}
