import type { IssuerKey } from '../../core/credentials/index.js';
import { encodeStatusList, signDataIntegrity } from '../../core/credentials/index.js';

export type StatusPurpose = 'revocation' | 'suspension';

/**
 * One provider's Bitstring Status Lists (W3C Bitstring Status List v1.0): a revocation list and a
 * suspension list of the minimum 131,072 entries, each published as a signed BitstringStatusListCredential
 * at `<base>/status/<purpose>`. Indices are handed out in order (the spec recommends random assignment for
 * herd privacy; a sandbox has no privacy to protect and ordered indices are easier to read in tests).
 */
export class PlatformStatusLists {
  private next = 0;
  private readonly set: Record<StatusPurpose, Set<number>> = { revocation: new Set(), suspension: new Set() };
  private readonly signed = new Map<StatusPurpose, Record<string, unknown>>();

  constructor(
    private readonly base: string,
    private readonly issuer: string,
    private readonly key: IssuerKey,
  ) {}

  listUrl(purpose: StatusPurpose): string {
    return `${this.base}/status/${purpose}`;
  }

  /** A fresh index, and the two `credentialStatus` entries that point at it. */
  allocate(): { index: number; entries: Record<string, unknown>[] } {
    const index = this.next;
    this.next += 1;
    const entries = (['revocation', 'suspension'] as const).map((purpose) => ({
      id: `${this.listUrl(purpose)}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: String(index),
      statusListCredential: this.listUrl(purpose),
    }));
    return { index, entries };
  }

  mark(purpose: StatusPurpose, index: number, on: boolean): void {
    if (on) this.set[purpose].add(index);
    else this.set[purpose].delete(index);
    this.signed.delete(purpose);
  }

  isSet(purpose: StatusPurpose, index: number): boolean {
    return this.set[purpose].has(index);
  }

  /** The signed list credential; re-signed only after a change. */
  async credential(purpose: StatusPurpose): Promise<Record<string, unknown>> {
    const cached = this.signed.get(purpose);
    if (cached) return cached;
    const url = this.listUrl(purpose);
    const list = await signDataIntegrity(
      {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        id: url,
        type: ['VerifiableCredential', 'BitstringStatusListCredential'],
        issuer: this.issuer,
        validFrom: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        credentialSubject: {
          id: `${url}#list`,
          type: 'BitstringStatusList',
          statusPurpose: purpose,
          encodedList: encodeStatusList(this.set[purpose]),
        },
      },
      this.key,
    );
    this.signed.set(purpose, list);
    return list;
  }

  reset(): void {
    this.next = 0;
    this.set.revocation.clear();
    this.set.suspension.clear();
    this.signed.clear();
  }
}
