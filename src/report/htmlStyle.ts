/** The HTML report's stylesheet, inlined into the page (it opens from disk, with no network). */
export const HTML_STYLE = `
:root { color-scheme: light; --fail: #b00020; --warn: #8a5a00; --pass: #1b6e20; --ink: #1d1d1f; --muted: #555; --band: #f3f3f6; --now: #fff4c2; }
body { font: 15px/1.45 system-ui, sans-serif; color: var(--ink); margin: 0; background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccd; padding: .25rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--band); }
.verdict { font-weight: 700; letter-spacing: .03em; }
.verdict-fail { color: var(--fail); } .verdict-warn, .verdict-bounded { color: var(--warn); } .verdict-pass { color: var(--pass); } .verdict-error { color: var(--fail); }
section.implementation { border-top: 2px solid #ccd; margin-top: 2rem; padding-top: .5rem; }
article.counterexample { border: 1px solid #ccd; border-radius: 6px; padding: .5rem 1rem 1rem; margin: 1rem 0; }
article.counterexample:focus-within { outline: 3px solid #3b6fd8; outline-offset: 2px; }
.statement { color: var(--muted); font-style: italic; }
.diagram-box { overflow-x: auto; border: 1px solid #e0e0e8; margin: .5rem 0; }
svg.diagram text { font: 12px ui-monospace, Menlo, Consolas, monospace; fill: var(--ink); }
svg.diagram .party { fill: var(--band); stroke: #778; }
svg.diagram .party-label { text-anchor: middle; font-weight: 700; }
svg.diagram .lifeline { stroke: #99a; stroke-dasharray: 4 4; }
svg.diagram .arrow line { stroke: var(--ink); stroke-width: 1.4; }
svg.diagram .arrow text, svg.diagram .note text { text-anchor: middle; }
svg.diagram .arrow.reply line { stroke-dasharray: 6 3; }
svg.diagram .arrow.lost line { stroke: var(--fail); stroke-dasharray: 2 3; }
svg.diagram .arrow.lost text, svg.diagram .cross { fill: var(--fail); font-weight: 700; }
svg.diagram .arrow.duplicate line { stroke-width: 3; }
svg.diagram .head { fill: var(--ink); }
svg.diagram .note rect { fill: #fff; stroke: #99a; }
svg.diagram .phase { stroke: #778; stroke-dasharray: 10 4; }
svg.diagram .phase-label { font-style: italic; }
svg.diagram .step-band { fill: transparent; }
svg.diagram .step.failing .step-band { fill: #fde7ea; stroke: var(--fail); stroke-width: 1.5; }
svg.diagram .step.failing .step-label { fill: var(--fail); font-weight: 700; }
svg.diagram .step.current .step-band { fill: var(--now); stroke: var(--ink); stroke-width: 2.5; }
.stepper { display: grid; gap: .5rem; margin-top: .5rem; }
.controls { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; }
.controls input[type=range] { flex: 1 1 20rem; min-width: 12rem; }
button { font: inherit; padding: .2rem .7rem; }
.state { border: 2px solid #ccd; border-radius: 6px; padding: .5rem 1rem; }
.state.failing { border: 4px double var(--fail); background: #fff7f8; }
.state .where { font-weight: 700; margin: .2rem 0; }
.state .broken { color: var(--fail); font-weight: 700; }
.state .relative { color: var(--muted); }
.hint { color: var(--muted); font-size: 13px; }
`;
