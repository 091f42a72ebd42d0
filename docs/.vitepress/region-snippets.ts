// A markdown rule `<<< @region NAME`: imports a named region from whichever source file holds it.
import type { MarkdownRenderer } from 'vitepress';
import { findRegion, sourcePage } from '../lib/repo.js';

type BlockRule = Parameters<MarkdownRenderer['block']['ruler']['before']>[2];

const syntax = /^<<<\s+@region\s+([\w*-]+)\s*$/;

/**
 * Adds the `<<< @region NAME` line to markdown. It finds the one file that holds `// #region NAME` (see
 * findRegion; the build fails when none or several do), then emits the same fence token as VitePress's own
 * `<<< file#region` snippet (so highlighting and the copy button work) and a line linking to the whole file.
 *
 * @example
 * md.use(regionSnippets);
 * // in a page:  <<< @region eq13-literal
 */
export function regionSnippets(md: MarkdownRenderer): void {
  const rule: BlockRule = (state, startLine, _endLine, silent) => {
    const start = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
    const line = state.src.slice(start, state.eMarks[startLine]);
    const match = syntax.exec(line);
    if (!match?.[1]) return false;
    if (silent) return true;
    const region = findRegion(match[1]);

    const open = state.push('paragraph_open', 'p', 1);
    open.attrSet('class', 'region-source');
    const inline = state.push('inline', '', 0);
    const [first, last] = region.lines;
    inline.content = `[\`${region.path}\`](${sourcePage(region.path)}.md), lines ${first}–${last}, region \`${region.name}\``;
    inline.children = [];
    state.push('paragraph_close', 'p', -1);

    const fence = state.push('fence', 'code', 0) as ReturnType<typeof state.push> & { src?: string[] };
    fence.info = 'ts';
    fence.markup = '```';
    fence.src = [region.file, region.name];
    fence.map = [startLine, startLine + 1];
    state.line = startLine + 1;
    return true;
  };
  md.block.ruler.before('snippet', 'region-snippet', rule);
}
