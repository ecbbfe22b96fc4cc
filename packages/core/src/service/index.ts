// Editor features as pure functions over a parsed document (hover, completion, code-action
// building blocks, outline, summary line). The language server adapts them to LSP.
export * from './context.js';
export * from './hover.js';
export * from './completion.js';
export * from './code-actions.js';
export * from './symbols.js';
export * from './summary.js';
