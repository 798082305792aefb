/**
 * The dashboard's "Edit as the app" panel (HTML and styles): what members do in the LINE WORKS
 * app and administrators in the admin console, through the admin endpoints /_emulator/app/...
 * (emulator/routes/app.ts). Static markup, folded until opened; its script (script-app.ts) and
 * these styles load when it is first opened, so the page's first view stays small.
 */
export const APP_PANEL_HTML = `
  <details id="app-panel">
    <summary><h2>Edit as the app <span class="count">members' and administrators' edits, outside the API: logged apart, never rate limited</span></h2></summary>
    <p id="app-status" class="muted" role="status">Loading the editor…</p>
    <div class="app-grid">
      <div class="app-box">
        <h3>Company tags</h3>
        <div class="row"><select id="app-tag" aria-label="Company tag"></select></div>
        <div class="row"><input id="app-tag-name" placeholder="New name" maxlength="30" aria-label="Tag name">
          <button id="app-tag-rename" type="button">Rename</button><button id="app-tag-delete" type="button">Delete</button></div>
        <div class="row"><input id="app-tag-new" placeholder="Name of a new company tag" maxlength="30" aria-label="New company tag">
          <button id="app-tag-add" type="button">Add</button></div>
        <h3>User tags</h3>
        <div class="row"><select id="app-member" aria-label="Member"></select>
          <input id="app-user-tag-new" placeholder="Name of the member's tag" maxlength="30" aria-label="New user tag">
          <button id="app-user-tag-add" type="button">Add</button></div>
        <div class="row"><span id="app-user-tags-state" class="muted"></span><button id="app-user-tags-toggle" type="button"></button></div>
      </div>
      <div class="app-box">
        <h3>Contact</h3>
        <div class="row"><select id="app-contact" aria-label="Contact"></select>
          <button id="app-contact-trash" type="button">Delete (to the trash)</button></div>
        <label class="stack">Memo <textarea id="app-memo" rows="2" maxlength="4000"></textarea></label>
        <div class="row"><button id="app-memo-save" type="button">Save memo</button></div>
        <label class="stack">Tags (company and user) <select id="app-contact-tags" multiple size="4"></select></label>
        <div class="row"><button id="app-tags-save" type="button">Save tags</button></div>
        <div id="app-values" class="stack"></div>
        <div class="row"><button id="app-values-save" type="button">Save custom values</button>
          <span class="muted">Text; a link as "text | https://..."; several values separated by ";"</span></div>
        <h3>Add a contact</h3>
        <div class="row"><input id="app-new-last" placeholder="Last name" aria-label="Last name">
          <input id="app-new-email" placeholder="Email" aria-label="Email">
          <select id="app-new-owner" aria-label="Owner"></select><button id="app-contact-add" type="button">Add</button></div>
      </div>
      <div class="app-box">
        <h3>Trash <span id="app-trash-count" class="count"></span></h3>
        <div class="row"><select id="app-trashed" aria-label="Contact in the trash"></select></div>
        <div class="row"><button id="app-restore" type="button">Restore</button><button id="app-purge" type="button">Delete permanently</button>
          <button id="app-empty-trash" type="button">Empty the trash</button></div>
        <p id="app-cap" class="muted"></p>
        <h3>Custom fields (admin console)</h3>
        <ol id="app-fields" class="fields"></ol>
        <div class="row"><input id="app-field-display" placeholder="Display name" maxlength="20" aria-label="Display name">
          <select id="app-field-type" aria-label="Type"><option value="STRING">Text</option><option value="LINK">Link</option></select>
          <label><input id="app-field-multi" type="checkbox"> Multiple</label></div>
        <div class="row"><input id="app-field-name" placeholder="propertyName (optional: random)" aria-label="propertyName">
          <button id="app-field-add" type="button">Add field</button></div>
      </div>
    </div>
    <h3>App edits <span id="app-log-count" class="count"></span></h3>
    <table id="app-log"><thead><tr><th>Time</th><th>Method</th><th>Path</th><th>Status</th></tr></thead><tbody></tbody></table>
  </details>
`;

export const APP_PANEL_CSS = `
#app-panel { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.app-grid { display: grid; grid-template-columns: 1fr 1.2fr 1fr; gap: 14px; align-items: start; }
@media (max-width: 1000px) { .app-grid { grid-template-columns: 1fr; } }
.app-box h3, #app-panel > h3 { font-size: 13px; margin: 10px 0 6px; }
.app-box .row { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; margin-bottom: 6px; }
.app-box input, .app-box select, .app-box textarea { font: inherit; padding: 3px 6px; border: 1px solid var(--line); border-radius: 6px; }
.app-box select:not([multiple]) { max-width: 100%; }
.stack { display: flex; flex-direction: column; gap: 4px; font-size: 12px; margin-bottom: 6px; }
.stack textarea, .stack select { width: 100%; box-sizing: border-box; }
.fields { padding-left: 20px; margin: 0 0 8px; }
.fields li { display: flex; gap: 6px; align-items: center; padding: 3px 4px; border: 1px dashed transparent; cursor: grab; }
.fields li.over { border-color: var(--accent); }
.fields li .grow { flex: 1; }
.fields li button { padding: 0 6px; }
#app-status.error { color: var(--bad); }
#app-status.done { color: var(--accent); }
`;
