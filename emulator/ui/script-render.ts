/**
 * The dashboard script's rendering half: DOM built from text nodes only. Data shapes are the
 * API's own (GET /_emulator/state renders contacts, tags and properties as the API does).
 * Kept free of backticks and dollar-brace so it can live in this template string.
 */
export const DASHBOARD_RENDER_JS = String.raw`
const PAGE_SIZE = 25;

function $(id) {
  return document.getElementById(id);
}

/** An element whose children are nodes or strings (strings become text nodes). */
function el(tag, className, children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children || []) {
    if (child === null || child === undefined || child === "") continue;
    node.append(typeof child === "object" ? child : String(child));
  }
  return node;
}

function td(content, className) {
  return el("td", className, Array.isArray(content) ? content : [content]);
}

function fillTable(id, rows, emptyText, columns) {
  const body = $(id).tBodies[0];
  if (rows.length > 0) return body.replaceChildren(...rows);
  const cell = el("td", "muted", [emptyText]);
  cell.colSpan = columns;
  body.replaceChildren(el("tr", null, [cell]));
}

/** The order GET /contacts/custom-properties lists them in: displayOrder ascending, null last. */
function orderedProperties(domain) {
  return domain.customProperties
    .map((property, index) => ({ property, index }))
    .sort((a, b) => {
      const x = a.property.displayOrder, y = b.property.displayOrder;
      if (x === y || (x == null && y == null)) return a.index - b.index;
      if (x == null) return 1;
      if (y == null) return -1;
      return x - y;
    })
    .map((entry) => entry.property);
}

function fullName(name) {
  if (!name) return "";
  return [name.prefix, name.lastName, name.middleName, name.firstName, name.suffix].filter((p) => p).join(" ");
}

function phoneticName(name) {
  if (!name) return "";
  return [name.phoneticLastName, name.phoneticFirstName].filter((p) => p).join(" ");
}

function searchText(contact) {
  const name = Object.values(contact.contactName || {}).filter((v) => typeof v === "string");
  const emails = (contact.emails || []).map((e) => e.email);
  return name.concat(emails, [fullName(contact.contactName)]).join("\n").toLowerCase();
}

function formatValue(value) {
  if (Array.isArray(value)) return value.map((v) => (v.represent ? "★ " : "") + formatValue(v)).join(" · ");
  if (!value || typeof value !== "object") return String(value);
  if ("content" in value) return String(value.content);
  return (value.text ? value.text + " — " : "") + String(value.link);
}

function renderSummary(domain) {
  const items = [
    [domain.contacts.length, "contacts"],
    [domain.trashedContacts.length, "in the trash"],
    [domain.contactTags.filter((t) => t.type !== "USER").length, "company tags"],
    [domain.contactTags.filter((t) => t.type === "USER").length, "user tags"],
    [domain.customProperties.length, "custom properties"],
    [domain.photos.length, "photos"],
    [domain.members.length, "members"],
  ];
  $("summary").replaceChildren(...items.map(([n, label]) => el("div", null, [el("b", null, [n]), el("span", null, [label])])));
}

function renderDomain(domain) {
  if (!domain) return;
  renderSummary(domain);
  const company = domain.contactTags.filter((t) => t.type !== "USER");
  const user = domain.contactTags.filter((t) => t.type === "USER");
  $("company-tags-count").textContent = String(company.length);
  $("user-tags-count").textContent = String(user.length);
  fillTable("company-tags", company.map((t) => el("tr", null, [td(t.contactTagName), td(t.contactTagId, "id")])), "No company tags", 2);
  fillTable("user-tags", user.map((t) => el("tr", null, [td(t.contactTagName), td(t.userId), td(t.contactTagId, "id")])), "No user tags", 3);
  const properties = orderedProperties(domain);
  $("properties-count").textContent = String(properties.length);
  fillTable(
    "properties",
    properties.map((p) =>
      el("tr", null, [
        td(p.displayOrder == null ? "–" : p.displayOrder),
        td([el("div", null, [p.displayName]), el("div", "phonetic", [(p.i18nDisplayNames || []).map((n) => n.language + ": " + n.name).join(", ")])]),
        td(p.propertyName, "id"),
        td(p.propertyType + (p.multiValued ? ", multi-valued" : "")),
      ]),
    ),
    "No custom properties",
    4,
  );
  renderContacts(domain);
}

function renderContacts(domain) {
  if (!domain) return;
  const query = $("search").value.trim().toLowerCase();
  const matching = query === "" ? domain.contacts : domain.contacts.filter((c) => searchText(c).includes(query));
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  ui.page = Math.min(Math.max(0, ui.page), pages - 1);
  const shown = matching.slice(ui.page * PAGE_SIZE, (ui.page + 1) * PAGE_SIZE);
  $("contacts-count").textContent = query === "" ? String(domain.contacts.length) : matching.length + " of " + domain.contacts.length;
  $("page-info").textContent = "page " + (ui.page + 1) + " of " + pages;
  $("prev").disabled = ui.page === 0;
  $("next").disabled = ui.page >= pages - 1;
  const tags = new Map(domain.contactTags.map((t) => [t.contactTagId, t]));
  const photos = new Set(domain.photos.map((p) => p.contactId));
  const properties = orderedProperties(domain);
  const rows = shown.map((c) => contactRow(domain, c, tags, photos, properties));
  fillTable("contacts", rows, query === "" ? "No contacts" : "No contact matches", 8);
}

function contactRow(domain, c, tags, photos, properties) {
  let picture = el("div", "nophoto", ["·"]);
  if (photos.has(c.contactId)) {
    picture = el("img", "photo");
    picture.alt = "photo";
    picture.loading = "lazy";
    picture.src = ADMIN + "/photos/" + domain.domainId + "/" + encodeURIComponent(c.contactId);
  }
  const org = (c.organizations || []).find((o) => o.primary) || (c.organizations || [])[0];
  const chips = (c.contactTagIds || []).map((id) => {
    const tag = tags.get(id);
    return el("span", tag && tag.type === "USER" ? "chip user" : "chip", [tag ? tag.contactTagName : id]);
  });
  const values = properties
    .filter((p) => c.customProperties && c.customProperties[p.propertyName] !== undefined)
    .map((p) => el("div", "kv", [el("b", null, [p.displayName + ": "]), formatValue(c.customProperties[p.propertyName])]));
  const row = el("tr", null, [
    td(picture),
    td([el("div", "name", [fullName(c.contactName)]), el("div", "phonetic", [phoneticName(c.contactName)]), el("div", "id", [c.contactId])]),
    td((c.emails || []).map((e) => el("div", null, [e.email]))),
    td((c.telephones || []).map((t) => el("div", null, [t.telephone]))),
    td(org ? [el("div", null, [org.name]), el("div", "phonetic", [[org.department, org.title].filter((x) => x).join(" / ")])] : ""),
    td(chips),
    td(values),
    td(c.memo || ""),
  ]);
  row.dataset.contactId = c.contactId;
  return row;
}

function renderRequests(log) {
  $("requests-count").textContent = log.matched === log.total ? String(log.total) : log.matched + " of " + log.total;
  const rows = log.entries.map((r) => {
    const time = new Date(r.time);
    const clock = time.toLocaleTimeString([], { hour12: false }) + "." + String(time.getMilliseconds()).padStart(3, "0");
    return el("tr", null, [
      td(clock, "mono"),
      td(r.method),
      td(r.path, "path mono"),
      td(el("span", "status s" + String(r.status).charAt(0), [r.status])),
      td(typeof r.latencyMs === "number" ? r.latencyMs + " ms" : "–"),
      td(r.fault ? el("span", "fault", [r.fault]) : ""),
      td(r.scope || "", "mono"),
    ]);
  });
  fillTable("requests", rows, "No requests logged", 7);
}

function renderRateLimits(limits, domainId) {
  $("rate-limit-info").textContent = limits.requestsPerMinute + " a minute per operation";
  const windows = limits.windows.filter((w) => w.domainId === domainId).sort((a, b) => b.used - a.used);
  const rows = windows.map((w) => {
    const bar = el("div", w.used >= w.limit ? "bar hot" : "bar", [el("i")]);
    bar.firstChild.style.width = Math.min(100, (100 * w.used) / w.limit) + "%";
    return el("tr", null, [td(w.operation, "mono"), td([w.used + " / " + w.limit, bar]), td(w.resetSeconds + " s")]);
  });
  fillTable("rate-limits", rows, "No API call in the current minute", 3);
}

function renderFaults(faults, fillForm) {
  const entries = Object.entries(faults);
  const status = $("faults-status");
  status.className = entries.length ? "active-faults" : "muted";
  status.textContent = entries.length ? "Active: " + entries.map(([k, v]) => k + " " + JSON.stringify(v)).join(", ") : "No faults injected";
  if (!fillForm) return;
  const form = $("faults");
  for (const input of form.elements) {
    if (!input.name) continue;
    const value = input.name === "latencyMin" ? (faults.latencyMs || [])[0] : input.name === "latencyMax" ? (faults.latencyMs || [])[1] : faults[input.name];
    input.value = value === undefined ? "" : String(value);
  }
}
`;
