/**
 * The dashboard's script (GET /_emulator/ui/app.js): plain browser JavaScript, no framework.
 * It reads the admin endpoints of its own origin and builds every row with text nodes
 * (never innerHTML), so a contact named `<script>` is shown as text. Polls once a second.
 * Kept free of backticks and dollar-brace so it can live in this template string.
 */
import { DASHBOARD_RENDER_JS } from "./script-render";

const MAIN_JS = String.raw`
const ADMIN = "/_emulator";
const POLL_MS = 1000;
const ui = { state: null, version: -1, domainId: null, page: 0, faultsDirty: false };
/** The "Edit as the app" panel: its script (app-edit.js) loads when the panel is first opened. */
const appPanel = { loading: false, render: () => {}, refreshLog: async () => {} };

function loadAppPanel() {
  if (appPanel.loading || !$("app-panel").open) return;
  appPanel.loading = true;
  window.lineworksDashboard = { $, el, td, fillTable, call, currentDomain, refreshState, orderedProperties, fullName, panel: appPanel };
  const styles = document.createElement("link");
  styles.rel = "stylesheet";
  styles.href = "/_emulator/ui/app-edit.css";
  const script = document.createElement("script");
  script.src = "/_emulator/ui/app-edit.js";
  document.head.append(styles, script);
}

async function call(path, init) {
  const response = await fetch(ADMIN + path, Object.assign({ cache: "no-store" }, init || {}));
  const text = await response.text();
  const body = text === "" ? undefined : JSON.parse(text);
  if (!response.ok) throw new Error((body && body.description) || "HTTP " + response.status);
  return body;
}

function currentDomain() {
  if (!ui.state) return undefined;
  return ui.state.domains.find((d) => d.domainId === ui.domainId) || ui.state.domains[0];
}

async function refreshState() {
  const { version } = await call("/state/version");
  if (version === ui.version && ui.state) return;
  ui.state = await call("/state");
  ui.version = version;
  const select = $("domain");
  const ids = ui.state.domains.map((d) => d.domainId);
  if (!ids.includes(ui.domainId)) ui.domainId = ids[0];
  select.replaceChildren(...ui.state.domains.map((d) => {
    const option = el("option", null, [String(d.domainId) + (d.name ? " · " + d.name : "")]);
    option.value = String(d.domainId);
    return option;
  }));
  select.value = String(ui.domainId);
  renderDomain(currentDomain());
  appPanel.render(currentDomain());
  performance.mark("dashboard:state-shown");
}

async function refreshRequests() {
  const params = new URLSearchParams({ limit: "200", status: $("status-filter").value });
  if ($("with-token").checked) params.set("include", "token");
  renderRequests(await call("/requests/recent?" + params.toString()));
}

async function refreshRateLimits() {
  renderRateLimits(await call("/rate-limits"), ui.domainId);
}

async function refreshFaults() {
  const faults = await call("/faults");
  renderFaults(faults, !ui.faultsDirty);
}

async function tick() {
  try {
    await refreshState();
    await Promise.all([refreshRequests(), refreshRateLimits(), refreshFaults(), appPanel.refreshLog()]);
    $("live").textContent = "live · updated " + new Date().toLocaleTimeString();
  } catch (error) {
    $("live").textContent = "cannot reach the emulator: " + error.message;
  }
  setTimeout(tick, POLL_MS);
}

function faultsFromForm(form) {
  const value = (name) => form.elements[name].value.trim();
  const body = {};
  for (const name of ["status500Rate", "status429Rate", "status503Rate", "dropConnectionRate", "redirectRate"]) {
    if (value(name) !== "") body[name] = Number(value(name));
  }
  if (value("latencyMin") !== "" || value("latencyMax") !== "") {
    const min = Number(value("latencyMin") || 0);
    body.latencyMs = [min, Number(value("latencyMax") || min)];
  }
  for (const name of ["tokenExpiryStatus", "duplicateNameStatus", "seed"]) {
    if (value(name) !== "") body[name] = Number(value(name));
  }
  return body;
}

async function putFaults(body) {
  try {
    const applied = await call("/faults", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    ui.faultsDirty = false;
    renderFaults(applied, true);
  } catch (error) {
    $("faults-status").textContent = "Not applied: " + error.message;
  }
}

function start() {
  $("origin").textContent = location.origin;
  $("domain").addEventListener("change", () => {
    ui.domainId = Number($("domain").value);
    ui.page = 0;
    renderDomain(currentDomain());
    appPanel.render(currentDomain());
    refreshRateLimits().catch(() => {});
  });
  $("search").addEventListener("input", () => {
    ui.page = 0;
    renderContacts(currentDomain());
  });
  $("prev").addEventListener("click", () => {
    ui.page -= 1;
    renderContacts(currentDomain());
  });
  $("next").addEventListener("click", () => {
    ui.page += 1;
    renderContacts(currentDomain());
  });
  $("status-filter").addEventListener("change", () => refreshRequests().catch(() => {}));
  $("with-token").addEventListener("change", () => refreshRequests().catch(() => {}));
  $("clear-log").addEventListener("click", async () => {
    await call("/requests", { method: "DELETE" });
    await refreshRequests();
  });
  const form = $("faults");
  form.addEventListener("input", () => {
    ui.faultsDirty = true;
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    putFaults(faultsFromForm(form));
  });
  $("clear-faults").addEventListener("click", () => putFaults({}));
  $("app-panel").addEventListener("toggle", loadAppPanel);
  tick();
}

document.addEventListener("DOMContentLoaded", start);
`;

export const DASHBOARD_JS = `"use strict";\n(() => {\n${DASHBOARD_RENDER_JS}\n${MAIN_JS}\n})();\n`;
