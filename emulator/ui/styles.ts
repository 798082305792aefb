/** The dashboard's styles (GET /_emulator/ui/app.css). System fonts only, with CJK coverage. */
/** A green dot, as in the page title. */
export const DASHBOARD_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="6" fill="#00a84f"/></svg>';

export const DASHBOARD_CSS = `
:root {
  --fg: #1d2330; --muted: #667085; --line: #e3e7ee; --bg: #f5f7fa; --card: #fff;
  --accent: #00a84f; --warn: #b54708; --bad: #c01048; --chip: #eef4ff; --chip-fg: #2e4fa3;
  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK JP", "Noto Sans JP",
    "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, "Noto Sans CJK KR", "Noto Sans KR",
    "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans CJK SC", "Droid Sans Fallback", sans-serif;
  font-size: 14px; color: var(--fg); background: var(--bg);
}
body { margin: 0; }
header { background: var(--card); border-bottom: 1px solid var(--line); padding: 12px 20px 4px; }
.title { display: flex; align-items: center; gap: 16px; flex-wrap: wrap; }
h1 { font-size: 18px; margin: 0; }
h1::before { content: ""; display: inline-block; width: 10px; height: 10px; border-radius: 50%; background: var(--accent); margin-right: 8px; }
h2 { font-size: 15px; margin: 0 0 8px; }
.notice { color: var(--muted); font-size: 12px; margin: 6px 0; max-width: 120ch; }
main { padding: 12px 20px 40px; display: flex; flex-direction: column; gap: 14px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; overflow-x: auto; }
.grid { display: grid; gap: 14px; align-items: start; }
.grid.three { grid-template-columns: 1fr 1fr 1.4fr; }
.grid.two { grid-template-columns: 2fr 1fr; }
.grid.two > div { display: flex; flex-direction: column; gap: 14px; }
@media (max-width: 1000px) { .grid.three, .grid.two { grid-template-columns: 1fr; } }
.cards { display: flex; gap: 24px; flex-wrap: wrap; }
.cards div { display: flex; flex-direction: column; }
.cards b { font-size: 20px; }
.cards span { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12px; white-space: nowrap; }
td.id, code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
td.id { color: var(--muted); word-break: break-all; }
.count, .muted { color: var(--muted); font-weight: normal; font-size: 12px; }
.toolbar { display: flex; gap: 10px; align-items: center; margin-bottom: 8px; flex-wrap: wrap; }
input[type=search] { width: 280px; padding: 5px 8px; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
button { font: inherit; padding: 4px 10px; border: 1px solid #c9d1dd; border-radius: 6px; background: #fff; cursor: pointer; }
button:disabled { opacity: .4; cursor: default; }
img.photo, .nophoto { width: 40px; height: 40px; border-radius: 50%; object-fit: cover; display: block; background: #e4e9f2; }
.nophoto { display: flex; align-items: center; justify-content: center; color: var(--muted); font-size: 16px; }
.name { font-weight: 600; }
.phonetic { color: var(--muted); font-size: 12px; }
.chip { display: inline-block; background: var(--chip); color: var(--chip-fg); border-radius: 10px; padding: 1px 8px; margin: 0 4px 3px 0; font-size: 12px; white-space: nowrap; }
.chip.user { background: #fdf2e9; color: var(--warn); }
.kv { font-size: 12px; }
.kv b { font-weight: 600; }
.status { font-weight: 600; }
.status.s2 { color: var(--accent); } .status.s3 { color: #2e4fa3; } .status.s4 { color: var(--warn); } .status.s5 { color: var(--bad); }
.fault { color: var(--bad); font-size: 12px; }
.bar { height: 6px; background: var(--line); border-radius: 3px; min-width: 80px; }
.bar i { display: block; height: 6px; background: var(--accent); border-radius: 3px; }
.bar.hot i { background: var(--bad); }
.faults { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 12px; }
.faults label { display: flex; justify-content: space-between; align-items: center; gap: 6px; font-size: 12px; }
.faults input, .faults select { width: 90px; font: inherit; padding: 2px 4px; }
.faults .buttons { grid-column: 1 / -1; display: flex; gap: 8px; }
.active-faults { color: var(--bad); }
#app-panel > summary { cursor: pointer; } #app-panel > summary h2 { display: inline; }
#requests td { white-space: nowrap; }
#requests td.path { white-space: normal; word-break: break-all; }
`;
