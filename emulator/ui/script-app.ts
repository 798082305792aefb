/**
 * The script of the dashboard's "Edit as the app" panel (GET /_emulator/ui/app-edit.js, loaded
 * when the panel is first opened): the forms of page-app.ts, calling the admin endpoints
 * /_emulator/app/:domainId/... (emulator/routes/app.ts) of its own origin, and the log of those
 * edits. It uses the main script's helpers (script.ts exposes them as `lineworksDashboard`). Lists
 * are rebuilt from GET /_emulator/state with text nodes only; what a person is typing is kept across
 * the page's polls. Kept free of backticks and dollar-brace so it can live in this template string.
 */
const APP_JS = String.raw`
const dashboard = window.lineworksDashboard;
const { $, el, td, fillTable, call, currentDomain, refreshState, orderedProperties, fullName } = dashboard;
const appUi = { filledFor: null, dragId: null, fieldsShown: "" };

async function appCall(method, path, body) {
  const domain = currentDomain();
  const init = { method: method };
  if (body !== undefined) {
    init.headers = { "content-type": "application/json" };
    init.body = JSON.stringify(body);
  }
  return call("/app/" + domain.domainId + path, init);
}

async function appAction(label, work) {
  const status = $("app-status");
  try {
    await work();
    status.className = "done";
    status.textContent = "Done: " + label;
  } catch (error) {
    status.className = "error";
    status.textContent = label + ": refused: " + error.message;
  }
  await refreshState();
  await refreshAppLog();
}

/** Rebuilds a select's options ([value, label] pairs), keeping its selection when that value is still there. */
function fillSelect(select, pairs, emptyLabel) {
  const previous = select.value;
  const options = pairs.map(([value, label]) => {
    const option = el("option", null, [label]);
    option.value = value;
    return option;
  });
  if (options.length === 0 && emptyLabel) {
    const none = el("option", null, [emptyLabel]);
    none.value = "";
    options.push(none);
  }
  select.replaceChildren(...options);
  if (pairs.some(([value]) => value === previous)) select.value = previous;
}

function contactLabel(c) {
  const email = ((c.emails || [])[0] || {}).email || "";
  return (fullName(c.contactName) || "(no name)") + (email ? " <" + email + ">" : "");
}

function valueText(value) {
  const one = (v) => (v && typeof v === "object" ? ("content" in v ? String(v.content) : (v.text ? v.text + " | " : "") + String(v.link)) : "");
  return Array.isArray(value) ? value.map(one).join("; ") : one(value);
}

function parseValue(property, text) {
  const parts = (property.multiValued ? text.split(";") : [text]).map((part) => part.trim()).filter((part) => part !== "");
  const values = parts.map((part) => {
    if (property.propertyType === "STRING") return { content: part };
    const bar = part.lastIndexOf("|");
    return bar < 0 ? { link: part } : { text: part.slice(0, bar).trim(), link: part.slice(bar + 1).trim() };
  });
  if (values.length === 0) return undefined;
  return property.multiValued ? values : values[0];
}

function memberEmail(domain, userId) {
  const member = domain.members.find((m) => m.userId === userId);
  return member ? member.email : userId;
}

function renderAppPanel(domain) {
  if (!domain) return;
  const company = domain.contactTags.filter((t) => t.type !== "USER");
  fillSelect($("app-tag"), company.map((t) => [t.contactTagId, t.contactTagName]), "(no company tags)");
  fillSelect($("app-member"), domain.members.map((m) => [m.userId, m.email]));
  fillSelect($("app-new-owner"), domain.members.map((m) => [m.email, m.email]));
  const on = !domain.console || domain.console.userTagsEnabled;
  $("app-user-tags-state").textContent = on ? "User tags are on." : "User tags are turned off.";
  $("app-user-tags-toggle").textContent = on ? "Turn user tags off (deletes them all)" : "Turn user tags on";
  fillSelect($("app-contact"), domain.contacts.map((c) => [c.contactId, contactLabel(c)]), "(no contacts)");
  fillSelect($("app-trashed"), domain.trashedContacts.map((c) => [c.contactId, contactLabel(c)]), "(the trash is empty)");
  $("app-trash-count").textContent = String(domain.trashedContacts.length);
  if (domain.console) {
    $("app-cap").textContent = "External contacts in use (contacts and trash): " + domain.console.externalContactsInUse +
      " of " + domain.console.externalContactCap + " (" + domain.console.plan + ")";
  }
  renderFields(domain);
  renderContactEditor(domain);
}

function renderContactEditor(domain) {
  const contact = domain.contacts.find((c) => c.contactId === $("app-contact").value);
  const fresh = !contact || appUi.filledFor !== contact.contactId;
  const tagSelect = $("app-contact-tags");
  const chosen = fresh ? new Set(contact ? contact.contactTagIds || [] : []) : new Set([...tagSelect.selectedOptions].map((o) => o.value));
  tagSelect.replaceChildren(...domain.contactTags.map((t) => {
    const option = el("option", null, [t.contactTagName + (t.type === "USER" ? " (user tag of " + memberEmail(domain, t.userId) + ")" : "")]);
    option.value = t.contactTagId;
    option.selected = chosen.has(t.contactTagId);
    return option;
  }));
  const typed = new Map([...document.querySelectorAll("#app-values input")].map((input) => [input.dataset.property, input.value]));
  $("app-values").replaceChildren(...orderedProperties(domain).map((p) => {
    const input = el("input");
    input.dataset.property = p.propertyName;
    input.setAttribute("aria-label", p.displayName);
    const stored = contact && contact.customProperties ? contact.customProperties[p.propertyName] : undefined;
    input.value = fresh ? (stored === undefined ? "" : valueText(stored)) : typed.get(p.propertyName) || "";
    return el("label", "stack", [p.displayName + " (" + p.propertyType + (p.multiValued ? ", multiple" : "") + ")", input]);
  }));
  if (fresh) $("app-memo").value = contact && contact.memo ? contact.memo : "";
  appUi.filledFor = contact ? contact.contactId : null;
}

function renderFields(domain) {
  const fields = orderedProperties(domain);
  const ids = fields.map((p) => p.customPropertyId);
  // The dashboard refreshes every few seconds: rebuilding an unchanged list would drop a drag in progress.
  const shown = JSON.stringify(fields.map((p) => [p.customPropertyId, p.displayName, p.propertyName]));
  if (shown === appUi.fieldsShown) return;
  appUi.fieldsShown = shown;
  $("app-fields").replaceChildren(...fields.map((p, index) => {
    const up = el("button", null, ["↑"]);
    up.type = "button";
    up.title = "Move up";
    up.disabled = index === 0;
    up.addEventListener("click", () => moveField(ids, index, index - 1));
    const down = el("button", null, ["↓"]);
    down.type = "button";
    down.title = "Move down";
    down.disabled = index === fields.length - 1;
    down.addEventListener("click", () => moveField(ids, index, index + 1));
    const item = el("li", null, [el("span", "grow", [p.displayName + " "]), el("span", "mono muted", [p.propertyName]), up, down]);
    item.draggable = true;
    item.dataset.id = p.customPropertyId;
    item.addEventListener("dragstart", () => (appUi.dragId = p.customPropertyId));
    item.addEventListener("dragover", (event) => {
      event.preventDefault();
      item.classList.add("over");
    });
    item.addEventListener("dragleave", () => item.classList.remove("over"));
    item.addEventListener("drop", (event) => {
      event.preventDefault();
      item.classList.remove("over");
      const from = ids.indexOf(appUi.dragId);
      if (from >= 0 && from !== index) moveField(ids, from, index);
    });
    return item;
  }));
}

function moveField(ids, from, to) {
  const order = ids.slice();
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved);
  return appAction("fields reordered", () => appCall("PUT", "/custom-properties/order", { order: order }));
}

async function refreshAppLog() {
  const log = await call("/requests/recent?kind=app&limit=50");
  $("app-log-count").textContent = String(log.total);
  const rows = log.entries.map((r) => el("tr", null, [
    td(new Date(r.time).toLocaleTimeString([], { hour12: false }), "mono"),
    td(r.method),
    td(r.path, "path mono"),
    td(el("span", "status s" + String(r.status).charAt(0), [r.status])),
  ]));
  fillTable("app-log", rows, "No app edits yet", 4);
}

function on(id, label, work) {
  $(id).addEventListener("click", () => appAction(label, work));
}

const enc = encodeURIComponent;

function startAppPanel() {
  on("app-tag-rename", "company tag renamed", () => appCall("PATCH", "/company-tags/" + enc($("app-tag").value), { contactTagName: $("app-tag-name").value.trim() }));
  on("app-tag-delete", "company tag deleted", () => appCall("DELETE", "/company-tags/" + enc($("app-tag").value)));
  on("app-tag-add", "company tag added", () => appCall("POST", "/company-tags", { contactTagName: $("app-tag-new").value.trim() }));
  on("app-user-tag-add", "user tag added", () =>
    appCall("POST", "/members/" + enc($("app-member").value) + "/user-tags", { contactTagName: $("app-user-tag-new").value.trim() }));
  on("app-user-tags-toggle", "user tags switched", () => {
    const domain = currentDomain();
    return appCall("PUT", "/user-tags", { enabled: !(!domain.console || domain.console.userTagsEnabled) });
  });
  $("app-contact").addEventListener("change", () => renderContactEditor(currentDomain()));
  const contactPath = () => "/contacts/" + enc($("app-contact").value);
  const saved = (label, body) => async () => {
    await appCall("PATCH", contactPath(), body());
    appUi.filledFor = null;
  };
  on("app-memo-save", "memo saved", saved("memo", () => ({ memo: $("app-memo").value === "" ? null : $("app-memo").value })));
  on("app-tags-save", "tags saved", saved("tags", () => ({ contactTagIds: [...$("app-contact-tags").selectedOptions].map((o) => o.value) })));
  on("app-values-save", "custom values saved", saved("values", () => {
    const properties = orderedProperties(currentDomain());
    const values = {};
    for (const input of document.querySelectorAll("#app-values input")) {
      const property = properties.find((p) => p.propertyName === input.dataset.property);
      const value = property && parseValue(property, input.value);
      if (value !== undefined) values[property.propertyName] = value;
    }
    return { customProperties: values };
  }));
  on("app-contact-trash", "contact deleted to the trash", () => appCall("DELETE", contactPath()));
  on("app-contact-add", "contact added", () => appCall("POST", "/contacts", {
    permission: { masterUserId: $("app-new-owner").value, accessibleRange: "ALL" },
    contactName: { lastName: $("app-new-last").value.trim() },
    emails: [{ email: $("app-new-email").value.trim(), primary: true }],
  }));
  on("app-restore", "contact restored", () => appCall("POST", "/trash/" + enc($("app-trashed").value) + "/restore"));
  on("app-purge", "contact deleted permanently", () => appCall("DELETE", "/trash/" + enc($("app-trashed").value)));
  on("app-empty-trash", "trash emptied", () => appCall("DELETE", "/trash"));
  on("app-field-add", "custom field added", () => {
    const body = { displayName: $("app-field-display").value.trim(), propertyType: $("app-field-type").value, multiValued: $("app-field-multi").checked };
    const name = $("app-field-name").value.trim();
    if (name !== "") body.propertyName = name;
    return appCall("POST", "/custom-properties", body);
  });
}

startAppPanel();
dashboard.panel.render = renderAppPanel;
dashboard.panel.refreshLog = refreshAppLog;
$("app-status").textContent = "Pick an object, then an action.";
renderAppPanel(currentDomain());
refreshAppLog().catch(() => {});
`;

export const DASHBOARD_APP_JS = `"use strict";\n(() => {\n${APP_JS}\n})();\n`;
