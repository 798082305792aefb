/**
 * The emulator's app-edit endpoints (emulator/routes/app.ts) as plain fetch calls: what a member
 * does in the LINE WORKS app and an administrator in the admin console, for tests and scripts
 * (the edit-sequence test can drive its "people" edits through these). Not the project's client.
 */

export interface AppReply {
  status: number;
  body: any;
}

export interface ConsoleField {
  displayName: string;
  propertyType: "STRING" | "LINK";
  multiValued?: boolean;
  /** Left out (or ""): the console generates a random one. */
  propertyName?: string;
  i18nDisplayNames?: Array<{ language: string; name: string }>;
}

export interface ContactEdit {
  memo?: string | null;
  contactTagIds?: string[] | null;
  customProperties?: Record<string, unknown> | null;
}

async function call(baseUrl: string, method: string, path: string, body?: unknown): Promise<AppReply> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
}

/** The app's edits on one domain of the emulator at `emulatorUrl` (e.g. `http://127.0.0.1:41234`). */
export function appEdits(emulatorUrl: string, domainId: number) {
  const base = `${emulatorUrl}/_emulator/app/${domainId}`;
  const at = (method: string, path: string, body?: unknown) => call(base, method, path, body);
  return {
    addCompanyTag: (contactTagName: string) => at("POST", "/company-tags", { contactTagName }),
    renameCompanyTag: (contactTagId: string, contactTagName: string) => at("PATCH", `/company-tags/${encodeURIComponent(contactTagId)}`, { contactTagName }),
    deleteCompanyTag: (contactTagId: string) => at("DELETE", `/company-tags/${encodeURIComponent(contactTagId)}`),
    addUserTag: (userId: string, contactTagName: string) => at("POST", `/members/${encodeURIComponent(userId)}/user-tags`, { contactTagName }),
    setUserTags: (enabled: boolean) => at("PUT", "/user-tags", { enabled }),
    addContact: (contact: Record<string, unknown>) => at("POST", "/contacts", contact),
    editContact: (contactId: string, edit: ContactEdit) => at("PATCH", `/contacts/${encodeURIComponent(contactId)}`, edit),
    trashContact: (contactId: string) => at("DELETE", `/contacts/${encodeURIComponent(contactId)}`),
    restoreContact: (contactId: string) => at("POST", `/trash/${encodeURIComponent(contactId)}/restore`),
    deletePermanently: (contactId: string) => at("DELETE", `/trash/${encodeURIComponent(contactId)}`),
    emptyTrash: () => at("DELETE", "/trash"),
    addField: (field: ConsoleField) => at("POST", "/custom-properties", field),
    reorderFields: (order: string[]) => at("PUT", "/custom-properties/order", { order }),
  };
}

export type AppEdits = ReturnType<typeof appEdits>;

/** Throws unless the reply has `status`; returns its body. */
export function expectStatus(reply: AppReply, status: number, what: string): any {
  if (reply.status !== status) throw new Error(`${what}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}
