/** What every part of a domain backend shares: its domain, the store (sequence and change feed) and the live settings. */
import { DUPLICATE_NAME_STATUS_ON_UPDATE } from "../assumptions";
import { ApiError } from "../errors";
import type { ChangeEvent } from "./events";
import type { Domain, EmulatorStore } from "../store";

/** Settings that can change while the emulator runs (PUT /_emulator/faults). */
export interface BackendSettings {
  /** How POST answers a duplicate name (400 or 409). */
  duplicateNameStatus(): 400 | 409;
}

export class BackendPart {
  constructor(
    protected readonly domain: Domain,
    protected readonly store: EmulatorStore,
    protected readonly settings: BackendSettings,
  ) {}

  protected emit(entity: ChangeEvent["entity"], action: ChangeEvent["action"], id?: string): void {
    this.store.changed({ entity, action, domainId: this.domain.domainId, ...(id === undefined ? {} : { id }) });
  }

  /** A duplicate name: on POST the configured status (400 INVALID_PARAMETER or 409 CONFLICT), on an update 409. */
  protected duplicate(description: string, onCreate: boolean): ApiError {
    return new ApiError(onCreate ? this.settings.duplicateNameStatus() : DUPLICATE_NAME_STATUS_ON_UPDATE, description);
  }
}
