/** Seed 001 §3.2.5, seed 003 §2.7.2: a client's question needs at most two transfers. */
export const MAX_TRANSFERS = 2;

export interface TransferStep {
  /** 1-based position of the transfer within its call. */
  seq: number;
  /** Beyond the allowed two: kept and counted as a breach of the two-transfer rule. */
  breach: boolean;
  /** A breach must be explained; the first two may be given without a reason. */
  reasonRequired: boolean;
}

export function nextTransfer(previous: number): TransferStep {
  const seq = previous + 1;
  const breach = seq > MAX_TRANSFERS;
  return { seq, breach, reasonRequired: breach };
}

/**
 * Numbers a call's transfers in the order they happened, whatever order they were reported in
 * (a PBX may deliver a late event), and marks every one after the second as a breach.
 */
export function renumberTransfers<T extends { id: number; at: string }>(
  transfers: readonly T[],
): (Omit<T, 'seq' | 'breach'> & { seq: number; breach: boolean })[] {
  return [...transfers]
    .sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id)
    .map((t, i) => ({ ...t, ...pick(nextTransfer(i)) }));
}

const pick = ({ seq, breach }: TransferStep) => ({ seq, breach });
