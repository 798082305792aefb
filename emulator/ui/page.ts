/**
 * The dashboard's HTML (GET /_emulator/ui). Static: every value is filled in by
 * script.ts with textContent, never by markup. Embedded as a string so it ships in dist/.
 */
import { APP_PANEL_HTML } from "./page-app";

export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>LINE WORKS Contact API emulator</title>
<link rel="icon" href="/_emulator/ui/favicon.svg">
<link rel="stylesheet" href="/_emulator/ui/app.css">
<script src="/_emulator/ui/app.js" defer></script>
</head>
<body>
<header>
  <div class="title">
    <h1>LINE WORKS Contact API emulator</h1>
    <label>Domain <select id="domain"></select></label>
    <span id="live" class="muted">connecting…</span>
  </div>
  <p class="notice">Served by the emulator itself at <code id="origin"></code>. It is reachable only on the
  emulator's own address (the emulator binds 127.0.0.1 unless started with <code>--host</code>), and this page
  talks to that address only. It shows the API's own data; its writes are the fault settings, clearing the
  request log, and the edits a member or an administrator makes in the app (Edit as the app).</p>
</header>
<main>
  <section id="summary" class="cards"></section>
  <div class="grid three">
    <section><h2>Company tags <span id="company-tags-count" class="count"></span></h2>
      <table id="company-tags"><thead><tr><th>Name</th><th>contactTagId</th></tr></thead><tbody></tbody></table></section>
    <section><h2>User tags <span id="user-tags-count" class="count"></span></h2>
      <table id="user-tags"><thead><tr><th>Name</th><th>Owner</th><th>contactTagId</th></tr></thead><tbody></tbody></table></section>
    <section><h2>Custom properties <span id="properties-count" class="count"></span></h2>
      <table id="properties"><thead><tr><th>Order</th><th>Display name</th><th>propertyName</th><th>Type</th></tr></thead><tbody></tbody></table></section>
  </div>
  <section>
    <h2>Contacts <span id="contacts-count" class="count"></span></h2>
    <div class="toolbar">
      <input id="search" type="search" placeholder="Search by name or email" autocomplete="off">
      <button id="prev" type="button">‹ Previous</button>
      <span id="page-info"></span>
      <button id="next" type="button">Next ›</button>
    </div>
    <table id="contacts"><thead><tr><th></th><th>Name</th><th>Emails</th><th>Telephones</th><th>Organization</th><th>Tags</th><th>Custom values</th><th>Memo</th></tr></thead><tbody></tbody></table>
  </section>
  ${APP_PANEL_HTML}
  <div class="grid two">
    <section>
      <h2>Request log <span id="requests-count" class="count"></span></h2>
      <div class="toolbar">
        <label>Status <select id="status-filter">
          <option value="all">all</option><option value="2xx">2xx</option><option value="3xx">3xx</option>
          <option value="4xx">4xx</option><option value="5xx">5xx</option><option value="errors">errors (4xx, 5xx)</option>
        </select></label>
        <label><input id="with-token" type="checkbox"> token calls</label>
        <button id="clear-log" type="button">Clear log</button>
      </div>
      <table id="requests"><thead><tr><th>Time</th><th>Method</th><th>Path</th><th>Status</th><th>Latency</th><th>Fault</th><th>Token scope</th></tr></thead><tbody></tbody></table>
    </section>
    <div>
      <section>
        <h2>Injected faults</h2>
        <form id="faults" class="faults" novalidate>
          <label>500 rate <input name="status500Rate" type="number" min="0" max="1" step="0.05"></label>
          <label>429 rate <input name="status429Rate" type="number" min="0" max="1" step="0.05"></label>
          <label>503 rate <input name="status503Rate" type="number" min="0" max="1" step="0.05"></label>
          <label>Drop rate <input name="dropConnectionRate" type="number" min="0" max="1" step="0.05"></label>
          <label>Redirect rate <input name="redirectRate" type="number" min="0" max="1" step="0.05"></label>
          <label>Latency min <input name="latencyMin" type="number" min="0" max="60000" step="1"></label>
          <label>Latency max <input name="latencyMax" type="number" min="0" max="60000" step="1"></label>
          <label>Expired token <select name="tokenExpiryStatus"><option value="">default</option><option>401</option><option>403</option></select></label>
          <label>Duplicate name <select name="duplicateNameStatus"><option value="">default</option><option>400</option><option>409</option></select></label>
          <label>Seed <input name="seed" type="number" step="1"></label>
          <div class="buttons"><button id="apply-faults" type="submit">Apply</button><button id="clear-faults" type="button">Clear all faults</button></div>
        </form>
        <p id="faults-status" class="muted"></p>
      </section>
      <section>
        <h2>Rate limits <span id="rate-limit-info" class="count"></span></h2>
        <table id="rate-limits"><thead><tr><th>Operation</th><th>Used</th><th>Resets in</th></tr></thead><tbody></tbody></table>
      </section>
    </div>
  </div>
</main>
</body>
</html>
`;
