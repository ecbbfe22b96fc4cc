// textDocument/hover: core's service.hoverAt at the cursor, as markdown.

import { hoverAt } from './core-service.js';
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import { viewAt } from './document.js';
import type { ServerContext } from './context.js';

export function hover(ctx: ServerContext, a: Analysis, params: HoverParams): Hover | null {
  const doc = ctx.docs.get(a.uri);
  if (!doc || !a.settings.enable || !a.result.isCdr) return null;
  const pos = ctx.docs.positions(doc);
  const view = viewAt(a, pos.offset(params.position));
  const info = hoverAt(view.doc, view.text, view.offset, a.resolve);
  if (!info) return null;
  const markdown = ctx.caps.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown) !== false;
  return {
    // Clients without markdown get the text without its emphasis and code marks.
    contents: markdown ? { kind: MarkupKind.Markdown, value: info.markdown } : { kind: MarkupKind.PlainText, value: info.markdown.replace(/\*\*|`/g, '') },
    range: pos.range(info.range.start + view.shift, info.range.end + view.shift),
  };
}
