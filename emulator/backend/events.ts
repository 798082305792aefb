/**
 * Change notification: every mutation of the emulator's state is announced to the
 * listeners (persistence schedules a write; a dashboard can show it live).
 */

export type ChangedEntity = "contactTag" | "customProperty" | "contact" | "photo" | "token" | "store";

export interface ChangeEvent {
  entity: ChangedEntity;
  action: "created" | "updated" | "deleted" | "reset";
  /** The domain whose data changed (absent for tokens and a whole-store reset). */
  domainId?: number;
  /** The changed object's id (contactTagId, customPropertyId, contactId). */
  id?: string;
}

export type ChangeListener = (event: ChangeEvent) => void;

/** A plain listener list: listeners run synchronously, in subscription order; one that throws does not stop the others. */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();

  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ChangeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        process.stderr.write(`emulator: a change listener failed: ${(err as Error).message}\n`);
      }
    }
  }
}
