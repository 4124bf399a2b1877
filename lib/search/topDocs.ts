/**
 * The `limit` docs offered with the highest keys, highest first; of equal keys, the one offered
 * first comes first (as a stable sort would order them). The kept docs form a binary heap with the
 * one to drop first at its root: most offers are turned away by one comparison with the lowest key
 * kept, the rest cost O(log limit), so n offers cost O(n log limit) also when the limit is every
 * doc (the library asks for all its hits).
 */
export class TopDocs {
  private readonly heapDocs: number[] = [];
  private readonly heapKeys: number[] = [];
  /** Each kept doc's place in the order of the offers kept: of equal keys, the later one drops first. */
  private readonly heapOrders: number[] = [];
  private kept = 0;

  constructor(private readonly limit: number) {}

  offer(doc: number, key: number): void {
    // Full: an offer no higher than the lowest kept is the first to drop, as it came last. This
    // test is all most offers cost, so it stays small enough to inline into the caller's loop.
    if (this.heapDocs.length >= this.limit && (this.limit <= 0 || key <= (this.heapKeys[0] ?? 0))) return;
    this.keep(doc, key);
  }

  private keep(doc: number, key: number): void {
    const size = this.heapDocs.length;
    if (size < this.limit) this.siftUp(size, doc, key, this.kept++);
    else this.siftDown(doc, key, this.kept++);
  }

  /** The kept docs, highest key first. */
  get docs(): number[] {
    const { heapDocs, heapKeys, heapOrders } = this;
    const at = Array.from(heapDocs, (_, i) => i);
    at.sort((a, b) => (heapKeys[b] ?? 0) - (heapKeys[a] ?? 0) || (heapOrders[a] ?? 0) - (heapOrders[b] ?? 0));
    return at.map((i) => heapDocs[i] ?? 0);
  }

  /** Places a new doc from the free place `at` (the end) up past the kept docs that drop after it. */
  private siftUp(at: number, doc: number, key: number, order: number): void {
    const { heapDocs, heapKeys, heapOrders } = this;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const parentKey = heapKeys[parent] ?? 0;
      // The parent drops first (a lower key, or an equal one offered later): it stays above.
      if (parentKey < key || (parentKey === key && (heapOrders[parent] ?? 0) > order)) break;
      heapDocs[at] = heapDocs[parent] ?? 0;
      heapKeys[at] = parentKey;
      heapOrders[at] = heapOrders[parent] ?? 0;
      at = parent;
    }
    heapDocs[at] = doc;
    heapKeys[at] = key;
    heapOrders[at] = order;
  }

  /** Puts a new doc in the root's place (the root drops) and moves it down below the kept docs that drop before it. */
  private siftDown(doc: number, key: number, order: number): void {
    const { heapDocs, heapKeys, heapOrders } = this;
    const size = heapDocs.length;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) break;
      let child = left;
      let childKey = heapKeys[left] ?? 0;
      const right = left + 1;
      if (right < size) {
        const rightKey = heapKeys[right] ?? 0;
        if (rightKey < childKey || (rightKey === childKey && (heapOrders[right] ?? 0) > (heapOrders[left] ?? 0))) {
          child = right;
          childKey = rightKey;
        }
      }
      // The new doc drops before its child (a lower key, or an equal one: it was offered last): it stays.
      if (key <= childKey) break;
      heapDocs[at] = heapDocs[child] ?? 0;
      heapKeys[at] = childKey;
      heapOrders[at] = heapOrders[child] ?? 0;
      at = child;
    }
    heapDocs[at] = doc;
    heapKeys[at] = key;
    heapOrders[at] = order;
  }
}
