// A deliberately small stand-in language server, bundled instead of @cdrlint/lsp when
// CDRLINT_SERVER=stand-in. It exists only to prove the e2e harness and the client end to end
// (diagnostic + quick fix, hover, completion, the summary and status-range requests) without
// depending on the real server. CSV only, cells split on commas without quotes: NOT a CDR parser.
// The taxonomy is imported from core, never restated.

import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  MarkupKind,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CodeAction,
  type Diagnostic,
  type Range,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { STATUSES, STATUS_NAMES, getStatus } from '../../core/src/taxonomy.js';

interface Cell {
  line: number;
  start: number;
  end: number;
  value: string;
}

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

function statusCells(doc: TextDocument): Cell[] {
  const lines = doc.getText().split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  const col = header.findIndex((h) => h.trim().toLowerCase() === 'status');
  if (col < 0) return [];
  const cells: Cell[] = [];
  for (let line = 1; line < lines.length; line++) {
    const parts = lines[line].split(',');
    if (parts.length <= col) continue;
    const start = parts.slice(0, col).reduce((n, p) => n + p.length + 1, 0);
    cells.push({ line, start, end: start + parts[col].length, value: parts[col] });
  }
  return cells;
}

const rangeOf = (c: Cell): Range => ({ start: { line: c.line, character: c.start }, end: { line: c.line, character: c.end } });

/** Did-you-mean: the status equal ignoring case, else one at edit distance 1 (a typo). */
function suggestion(value: string): string | undefined {
  const upper = value.trim().toUpperCase();
  if (STATUS_NAMES.includes(upper)) return upper;
  return STATUS_NAMES.find((s) => s.length >= upper.length - 1 && s.length <= upper.length + 1 && [...s].filter((ch, i) => upper[i] !== ch).length <= 2 && s.startsWith(upper.slice(0, 3)));
}

function validate(doc: TextDocument): void {
  const diagnostics: Diagnostic[] = [];
  for (const cell of statusCells(doc)) {
    if (cell.value === '' || getStatus(cell.value)) continue;
    const fix = suggestion(cell.value);
    diagnostics.push({
      range: rangeOf(cell),
      severity: DiagnosticSeverity.Error,
      source: 'cdrlint',
      code: 'unknown-status',
      message: `Unknown status '${cell.value}'.${fix ? ` Did you mean '${fix}'?` : ''}`,
      data: fix ? { replacement: fix } : undefined,
    });
  }
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
}

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    hoverProvider: true,
    completionProvider: { triggerCharacters: [','] },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  },
  serverInfo: { name: 'cdrlint-stand-in', version: '0.0.0' },
}));

documents.onDidChangeContent((e) => validate(e.document));

const cellAt = (uri: string, line: number, character: number): Cell | undefined => {
  const doc = documents.get(uri);
  return doc ? statusCells(doc).find((c) => c.line === line && c.start <= character && character <= c.end) : undefined;
};

connection.onHover(({ textDocument, position }) => {
  const cell = cellAt(textDocument.uri, position.line, position.character);
  const info = cell && getStatus(cell.value);
  if (!cell || !info) return null;
  return { contents: { kind: MarkupKind.Markdown, value: `**${info.name}** (call status)\n\n${info.doc}` }, range: rangeOf(cell) };
});

connection.onCompletion(({ textDocument, position }) => {
  if (!cellAt(textDocument.uri, position.line, position.character)) return [];
  return STATUSES.map((s) => ({ label: s.name, kind: CompletionItemKind.EnumMember, documentation: { kind: MarkupKind.Markdown, value: s.doc } }));
});

connection.onCodeAction(({ textDocument, context }) =>
  context.diagnostics.flatMap((d): CodeAction[] => {
    const replacement = (d.data as { replacement?: string } | undefined)?.replacement;
    if (d.code !== 'unknown-status' || !replacement) return [];
    return [{
      title: `Change to '${replacement}'`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      edit: { changes: { [textDocument.uri]: [{ range: d.range, newText: replacement }] } },
    }];
  }),
);

connection.onRequest('cdrlint/summary', ({ uri }: { uri: string }) => {
  const doc = documents.get(uri);
  if (!doc) return null;
  const cells = statusCells(doc);
  const statuses: Record<string, number> = {};
  for (const c of cells) if (getStatus(c.value)) statuses[c.value] = (statuses[c.value] ?? 0) + 1;
  const classified = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    records: cells.length,
    classified,
    statuses,
    subStatuses: {},
    resultCodes: {},
    answerRate: classified === 0 ? null : (statuses[STATUS_NAMES[0]] ?? 0) / classified,
  };
});

connection.onRequest('cdrlint/statusRanges', ({ uri }: { uri: string }) => {
  const doc = documents.get(uri);
  if (!doc) return null;
  return statusCells(doc).filter((c) => getStatus(c.value)).map((c) => ({ range: rangeOf(c), status: c.value }));
});

documents.listen(connection);
connection.listen();
