/**
 * The skeleton the file reports (json, junit, html) share: one open record per
 * request execution (keyed by cursor.ref), filled by the events of that item,
 * closed when the item ends (or when the run stops), then one rendered document.
 * Subclasses say what a record holds and how it is written.
 */
import type { Cursor, ItemEventBase, ItemRef, RunEventName, RunEvents } from '../events.ts';

/** A copy of the event's item and cursor that later events cannot change under the record. */
export function executionOf({ cursor, item }: ItemEventBase): { item: ItemRef; cursor: Cursor } {
  return { item: { id: item.id, name: item.name, path: [...(item.path ?? [])] }, cursor: { ...cursor } };
}

export abstract class ExecutionReport<Record, Output> {
  protected collectionName = '';
  private readonly open = new Map<string, Record>();
  private output: Output | undefined;

  on<K extends RunEventName>(event: K, payload: RunEvents[K]): void {
    switch (event) {
      case 'start':
        this.collectionName = (payload as RunEvents['start']).collectionName;
        return;
      case 'beforeItem':
        this.record(payload as ItemEventBase);
        return;
      case 'item':
        this.closeRef((payload as RunEvents['item']).cursor.ref);
        return;
      case 'done':
        // A stopped run may leave executions whose item never ended.
        for (const ref of [...this.open.keys()]) this.closeRef(ref);
        this.output = this.render(payload as RunEvents['done']);
        return;
      default:
        this.onItemEvent(event, payload);
    }
  }

  /** The finished document, available after `done`. */
  result(): Output | undefined {
    return this.output;
  }

  get name(): string {
    return this.collectionName;
  }

  /** The open record of this event's execution, created on first use. */
  protected record(event: ItemEventBase): Record {
    let record = this.open.get(event.cursor.ref);
    if (!record) {
      record = this.openRecord(event);
      this.open.set(event.cursor.ref, record);
    }
    return record;
  }

  private closeRef(ref: string): void {
    const record = this.open.get(ref);
    if (record === undefined) return;
    this.open.delete(ref);
    this.close(record);
  }

  protected abstract openRecord(event: ItemEventBase): Record;
  /** Every event other than start, beforeItem, item and done. */
  protected abstract onItemEvent<K extends RunEventName>(event: K, payload: RunEvents[K]): void;
  protected abstract close(record: Record): void;
  protected abstract render(done: RunEvents['done']): Output;
}
